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

[CountedRead(ReadKind.Category)]
public sealed class CategoryModel(BlogDbContext db, SiteContext site, TimeProvider clock) : PageModel, IHasPageMetadata
{
    public CategoryView Category { get; private set; } = default!;

    public Paged<PostSummary> Posts { get; private set; } = default!;

    public SiteChrome Chrome { get; private set; } = default!;

    public PageMetadata Metadata => new(Category.Name, Category.Description ?? $"Posts in {Category.Name}.")
    {
        CanonicalPath = PageUrl(Posts.PageNumber),
        SchemaType = SchemaTypes.CollectionPage,
        Feeds = [FeedEndpoints.CategoryFeeds(Category.Name, Category.Slug)],
    };

    public async Task<IActionResult> OnGetAsync(string slug, int pageNumber = 1, CancellationToken cancellationToken = default)
    {
        var category = await db.Categories.AsNoTracking()
            .Where(c => c.Slug == slug)
            .Select(c => new CategoryView(c.Id, c.Name, c.Slug, c.Description))
            .SingleOrDefaultAsync(cancellationToken);
        if (category is null || pageNumber < 1)
        {
            return NotFound();
        }

        Category = category;
        Chrome = await site.GetAsync(cancellationToken);
        var visible = db.Posts.VisibleAt(clock.GetUtcNow().UtcDateTime).Where(p => p.CategoryId == category.Id);
        Posts = await visible.PageOfSummariesAsync(pageNumber, Chrome.Settings.PostsPerPage, cancellationToken);
        return pageNumber > Posts.PageCount ? NotFound() : Page();
    }

    public string PageUrl(int pageNumber) =>
        $"/blog/category/{Uri.EscapeDataString(Category.Slug)}" + (pageNumber <= 1 ? "" : $"/page/{pageNumber}");
}

public sealed record CategoryView(int Id, string Name, string Slug, string? Description);
