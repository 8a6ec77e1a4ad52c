using Blog.Web.Data;
using Blog.Web.Posts;
using Blog.Web.Seo;
using Blog.Web.Settings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Pages.Posts;

/// <summary>A tag or category as its listing page shows it.</summary>
public sealed record TermView(int Id, string Name, string Slug, string? Description = null);

/// <summary>
/// One taxonomy listing: the newest visible posts filed under a term (a tag, a category), a page at a time, with the
/// term's feeds. <see cref="TagModel"/> and <see cref="CategoryModel"/> say only how their term is found and filtered.
/// </summary>
public abstract class TermListingModel(BlogDbContext db, SiteContext site, TimeProvider clock) : PageModel, IHasPageMetadata
{
    public TermView Term { get; private set; } = default!;

    public Paged<PostSummary> Posts { get; private set; } = default!;

    public SiteChrome Chrome { get; private set; } = default!;

    /// <summary>What the page header calls the term ("Tag").</summary>
    public abstract string Kind { get; }

    public abstract string EmptyMessage { get; }

    public PageMetadata Metadata => Describe(Term) with
    {
        CanonicalPath = PageUrl(Posts.PageNumber),
        SchemaType = SchemaTypes.CollectionPage,
        Feeds = [FeedsOf(Term)],
    };

    protected BlogDbContext Db => db;

    public async Task<IActionResult> OnGetAsync(string slug, int pageNumber = 1, CancellationToken cancellationToken = default)
    {
        var term = await FindAsync(slug, cancellationToken);
        if (term is null || pageNumber < 1)
        {
            return NotFound();
        }

        Term = term;
        Chrome = await site.GetAsync(cancellationToken);
        var visible = FiledUnder(db.Posts.VisibleAt(clock.GetUtcNow().UtcDateTime), term);
        Posts = await visible.PageOfSummariesAsync(pageNumber, Chrome.Settings.PostsPerPage, cancellationToken);
        return pageNumber > Posts.PageCount ? NotFound() : Page();
    }

    public abstract string PageUrl(int pageNumber);

    protected abstract Task<TermView?> FindAsync(string slug, CancellationToken cancellationToken);

    protected abstract IQueryable<Post> FiledUnder(IQueryable<Post> posts, TermView term);

    protected abstract PageMetadata Describe(TermView term);

    protected abstract FeedLink FeedsOf(TermView term);
}
