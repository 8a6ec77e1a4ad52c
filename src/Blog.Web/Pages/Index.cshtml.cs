using Blog.Web.Data;
using Blog.Web.Posts;
using Blog.Web.Seo;
using Blog.Web.Settings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Blog.Web.Pages;

public sealed class IndexModel(BlogDbContext db, SiteContext site, TimeProvider clock) : PageModel, IHasPageMetadata
{
    public Paged<PostSummary> Posts { get; private set; } = default!;

    public SiteChrome Chrome { get; private set; } = default!;

    /// <summary>The home page describes the whole site (with its search) in JSON-LD; later pages are lists of posts.</summary>
    public PageMetadata Metadata => new(Posts.PageNumber > 1 ? $"Page {Posts.PageNumber}" : null)
    {
        CanonicalPath = PageUrl(Posts.PageNumber),
        SchemaType = Posts.PageNumber > 1 ? SchemaTypes.CollectionPage : SchemaTypes.WebSite,
    };

    public async Task<IActionResult> OnGetAsync(int pageNumber = 1, CancellationToken cancellationToken = default)
    {
        Chrome = await site.GetAsync(cancellationToken);
        if (pageNumber < 1)
        {
            return NotFound();
        }

        var visible = db.Posts.VisibleAt(clock.GetUtcNow().UtcDateTime);
        Posts = await visible.PageOfSummariesAsync(pageNumber, Chrome.Settings.PostsPerPage, cancellationToken);
        return pageNumber > Posts.PageCount ? NotFound() : Page();
    }

    public string PageUrl(int pageNumber) => pageNumber <= 1 ? "/" : $"/page/{pageNumber}";
}
