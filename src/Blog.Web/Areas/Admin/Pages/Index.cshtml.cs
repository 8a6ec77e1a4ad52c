using Blog.Web.Data;
using Blog.Web.Posts;
using Blog.Web.Seo;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Areas.Admin.Pages;

public sealed class IndexModel(BlogDbContext db, TimeProvider clock) : PageModel, IHasPageMetadata
{
    public int Drafts { get; private set; }

    public int Scheduled { get; private set; }

    public int Published { get; private set; }

    public int Trashed { get; private set; }

    public IReadOnlyList<RecentEdit> RecentEdits { get; private set; } = [];

    public PageMetadata Metadata => new("Dashboard");

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var counts = await db.Posts
            .GroupBy(p => p.DeletedAtUtc != null ? "trash"
                : p.Status == PublishStatus.Draft ? "draft"
                : p.PublishedAtUtc > now ? "scheduled"
                : "published")
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        Drafts = counts.GetValueOrDefault("draft");
        Scheduled = counts.GetValueOrDefault("scheduled");
        Published = counts.GetValueOrDefault("published");
        Trashed = counts.GetValueOrDefault("trash");

        RecentEdits = await db.Posts.AsNoTracking()
            .Where(p => p.DeletedAtUtc == null)
            .OrderByDescending(p => p.UpdatedAtUtc)
            .Take(8)
            .Select(p => new RecentEdit(p.Id, p.Title, p.Status, p.PublishedAtUtc, p.UpdatedAtUtc))
            .ToListAsync(cancellationToken);
    }

    public sealed record RecentEdit(int Id, string Title, PublishStatus Status, DateTime? PublishedAtUtc, DateTime UpdatedAtUtc);
}
