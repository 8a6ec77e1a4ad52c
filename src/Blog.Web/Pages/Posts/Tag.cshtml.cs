using Blog.Web.Data;
using Blog.Web.Feeds;
using Blog.Web.Posts;
using Blog.Web.Seo;
using Blog.Web.Settings;
using Blog.Web.Statistics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Pages.Posts;

[CountedRead(ReadKind.Tag)]
public sealed class TagModel(BlogDbContext db, SiteContext site, TimeProvider clock) : PageModel, IHasPageMetadata
{
    public TermLink Tag { get; private set; } = default!;

    public Paged<PostSummary> Posts { get; private set; } = default!;

    public SiteChrome Chrome { get; private set; } = default!;

    public PageMetadata Metadata => new($"Posts tagged “{Tag.Name}”", $"Everything written about {Tag.Name}.")
    {
        CanonicalPath = PageUrl(Posts.PageNumber),
        SchemaType = SchemaTypes.CollectionPage,
        Feeds = [FeedEndpoints.TagFeeds(Tag.Name, Tag.Slug)],
    };

    public async Task<IActionResult> OnGetAsync(string slug, int pageNumber = 1, CancellationToken cancellationToken = default)
    {
        var tag = await db.Tags.AsNoTracking()
            .Where(t => t.Slug == slug)
            .Select(t => new { t.Id, Link = new TermLink(t.Name, t.Slug) })
            .SingleOrDefaultAsync(cancellationToken);
        if (tag is null || pageNumber < 1)
        {
            return NotFound();
        }

        Tag = tag.Link;
        Chrome = await site.GetAsync(cancellationToken);
        // Through the join table's tag index, not a subquery per post: a rare tag stays cheap in a large archive.
        var tagged = db.Set<Dictionary<string, object>>("PostTags").Where(pt => (int)pt["TagsId"] == tag.Id).Select(pt => (int)pt["PostsId"]);
        var visible = db.Posts.VisibleAt(clock.GetUtcNow().UtcDateTime).Where(p => tagged.Contains(p.Id));
        Posts = await visible.PageOfSummariesAsync(pageNumber, Chrome.Settings.PostsPerPage, cancellationToken);
        return pageNumber > Posts.PageCount ? NotFound() : Page();
    }

    public string PageUrl(int pageNumber) =>
        $"/blog/tag/{Uri.EscapeDataString(Tag.Slug)}" + (pageNumber <= 1 ? "" : $"/page/{pageNumber}");
}
