using Blog.Web.Data;
using Blog.Web.Posts;
using Blog.Web.Seo;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Areas.Admin.Pages.StaticPages;

/// <summary>The static pages, in navigation order.</summary>
public sealed class IndexModel(BlogDbContext db, TimeProvider clock) : PageModel, IHasPageMetadata
{
    public IReadOnlyList<Row> Pages { get; private set; } = [];

    public PageMetadata Metadata => new("Pages");

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        Pages = await db.StaticPages.AsNoTracking()
            .Where(p => p.DeletedAtUtc == null)
            .OrderBy(p => p.MenuOrder).ThenBy(p => p.Title)
            .Select(p => new Row(p.Id, p.Title, p.Slug, p.MenuOrder, p.ShowInNavigation,
                p.Status != PublishStatus.Draft && p.PublishedAtUtc <= now))
            .ToListAsync(cancellationToken);
    }

    public sealed record Row(int Id, string Title, string Slug, int MenuOrder, bool ShowInNavigation, bool IsLive);
}
