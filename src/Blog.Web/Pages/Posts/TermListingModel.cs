using Blog.Web.Caching;
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
public abstract class TermListingModel(BlogDbContext db, SiteContext site, TimeProvider clock, ReadCache reads) : PageModel, IHasPageMetadata
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

    /// <summary>The address of each page of this listing (kept with the read, so the list drawn from it is kept too).</summary>
    public Func<int, string> PageUrls { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(string slug, int pageNumber = 1, CancellationToken cancellationToken = default)
    {
        if (pageNumber < 1)
        {
            return NotFound();
        }

        Chrome = await site.GetAsync(cancellationToken);
        var pageSize = Chrome.Settings.PostsPerPage;
        var read = await reads.GetOrLoadAsync(new ReadKey(Kind, $"{slug}/{pageNumber}/{pageSize}"), LoadAsync, TermRead.SizeOf, cancellationToken);
        if (read is null)
        {
            return NotFound();
        }

        (Term, Posts, PageUrls) = read;
        return pageNumber > Posts.PageCount ? NotFound() : Page();

        async Task<TermRead?> LoadAsync(CancellationToken cancellation)
        {
            var term = await FindAsync(slug, cancellation);
            if (term is null)
            {
                return null;
            }

            var visible = FiledUnder(db.Posts.VisibleAt(clock.GetUtcNow().UtcDateTime), term);
            var posts = await visible.PageOfSummariesAsync(pageNumber, pageSize, cancellation);
            return new TermRead(term, posts, PagesOf(Address, term.Slug));
        }
    }

    /// <summary>Static, so the kept function holds the slug and nothing of the request that made it.</summary>
    private static Func<int, string> PagesOf(Func<string, int, string> address, string slug) => number => address(slug, number);

    public string PageUrl(int pageNumber) => PageUrls(pageNumber);

    /// <summary>A page of the listing of a term, by the term's slug and the page number (a method of <see cref="SitePaths"/>).</summary>
    protected abstract Func<string, int, string> Address { get; }

    protected abstract Task<TermView?> FindAsync(string slug, CancellationToken cancellationToken);

    protected abstract IQueryable<Post> FiledUnder(IQueryable<Post> posts, TermView term);

    protected abstract PageMetadata Describe(TermView term);

    protected abstract FeedLink FeedsOf(TermView term);

    /// <summary>One page of a term's listing as the read cache keeps it.</summary>
    private sealed record TermRead(TermView Term, Paged<PostSummary> Posts, Func<int, string> PageUrls)
    {
        public static long SizeOf(TermRead? read) => read is null ? 64 : 2048L * (read.Posts.Items.Count + 1);
    }
}
