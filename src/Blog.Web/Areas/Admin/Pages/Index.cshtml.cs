using Blog.Web.Data;
using Blog.Web.Posts;
using Blog.Web.Seo;
using Blog.Web.Settings;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Areas.Admin.Pages;

/// <summary>The dashboard's home: what is next (drafts in progress, what is scheduled, the latest published) and counts.</summary>
public sealed class IndexModel(BlogDbContext db, SiteContext site, TimeProvider clock) : PageModel, IHasPageMetadata
{
    private const int ListLength = 5;

    public int Drafts { get; private set; }

    public int Scheduled { get; private set; }

    public int Published { get; private set; }

    public int Trashed { get; private set; }

    public IReadOnlyList<PostLine> DraftsInProgress { get; private set; } = [];

    public IReadOnlyList<PostLine> ComingUp { get; private set; } = [];

    public IReadOnlyList<PostLine> LatestPublished { get; private set; } = [];

    public BlogDates Dates { get; private set; } = BlogDates.Utc;

    public PageMetadata Metadata => new("Dashboard");

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        Dates = (await site.GetAsync(cancellationToken)).Dates;
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

        var posts = db.Posts.AsNoTracking();
        DraftsInProgress = await posts
            .Where(p => p.Status == PublishStatus.Draft && p.DeletedAtUtc == null)
            .OrderByDescending(p => p.UpdatedAtUtc)
            .Take(ListLength)
            .Select(p => new PostLine(p.Id, p.Title, p.Slug, p.WordCount, p.PublishedAtUtc, p.UpdatedAtUtc))
            .ToListAsync(cancellationToken);
        ComingUp = await posts.ScheduledAfter(now)
            .OrderBy(p => p.PublishedAtUtc)
            .Take(ListLength)
            .Select(p => new PostLine(p.Id, p.Title, p.Slug, p.WordCount, p.PublishedAtUtc, p.UpdatedAtUtc))
            .ToListAsync(cancellationToken);
        LatestPublished = await posts.VisibleAt(now)
            .NewestFirst()
            .Take(ListLength)
            .Select(p => new PostLine(p.Id, p.Title, p.Slug, p.WordCount, p.PublishedAtUtc, p.UpdatedAtUtc))
            .ToListAsync(cancellationToken);
    }

    public sealed record PostLine(int Id, string Title, string Slug, int WordCount, DateTime? PublishedAtUtc, DateTime UpdatedAtUtc);
}
