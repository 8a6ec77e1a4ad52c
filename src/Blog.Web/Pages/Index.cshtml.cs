using Blog.Web.Caching;
using Blog.Web.Data;
using Blog.Web.Posts;
using Blog.Web.Seo;
using Blog.Web.Settings;
using Blog.Web.Statistics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Blog.Web.Pages;

[CountedRead(ReadKind.Home)]
public sealed class IndexModel(BlogDbContext db, SiteContext site, TimeProvider clock, ReadCache reads) : PageModel, IHasPageMetadata
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

        Posts = await ReadPageAsync(reads, db, clock, pageNumber, Chrome.Settings.PostsPerPage, cancellationToken);
        return pageNumber > Posts.PageCount ? NotFound() : Page();
    }

    /// <summary>One page of the newest posts, as the read cache keeps it (the start-up warm-up reads the first).</summary>
    internal static Task<Paged<PostSummary>> ReadPageAsync(
        ReadCache reads, BlogDbContext db, TimeProvider clock, int pageNumber, int pageSize, CancellationToken cancellationToken) =>
        reads.GetOrLoadAsync(
            new ReadKey("home", $"{pageNumber}/{pageSize}"),
            cancellation => db.Posts.VisibleAt(clock.GetUtcNow().UtcDateTime).PageOfSummariesAsync(pageNumber, pageSize, cancellation),
            page => 2048L * (page.Items.Count + 1),
            cancellationToken);

    /// <summary>Static, so that the list drawn from the kept page sees the same delegate on every request.</summary>
    public static string PageUrl(int pageNumber) => SitePaths.HomePage(pageNumber);
}
