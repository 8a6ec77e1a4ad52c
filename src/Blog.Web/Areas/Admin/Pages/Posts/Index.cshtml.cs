using Blog.Web.Data;
using Blog.Web.Posts;
using Blog.Web.Seo;
using Blog.Web.Settings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Areas.Admin.Pages.Posts;

/// <summary>All posts: filter by status, search by title, sort by date, a page at a time.</summary>
public sealed class IndexModel(BlogDbContext db, SiteContext site, TimeProvider clock) : PageModel, IHasPageMetadata
{
    private const int PageSize = 25;

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true)]
    public string Sort { get; set; } = "newest";

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public Paged<Row> Posts { get; private set; } = default!;

    public BlogDates Dates { get; private set; } = BlogDates.Utc;

    public DateTime NowUtc => clock.GetUtcNow().UtcDateTime;

    public PageMetadata Metadata => new("Posts");

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Dates = (await site.GetAsync(cancellationToken)).Dates;
        var now = NowUtc;
        var posts = db.Posts.AsNoTracking().Where(p => p.DeletedAtUtc == null);
        posts = Status switch
        {
            "draft" => posts.Where(p => p.Status == PublishStatus.Draft),
            "scheduled" => posts.ScheduledAfter(now),
            "published" => posts.VisibleAt(now),
            _ => posts,
        };
        if (!string.IsNullOrWhiteSpace(Query))
        {
            var pattern = $"%{Query.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal)}%";
            // Ignoring case: SQLite's LIKE does (for ASCII); PostgreSQL's does not, its ILIKE does.
            posts = db.Database.IsNpgsql()
                ? posts.Where(p => EF.Functions.ILike(p.Title, pattern, "\\"))
                : posts.Where(p => EF.Functions.Like(p.Title, pattern, "\\"));
        }

        // Drafts have no publish time: they sort by when they were last edited.
        posts = Sort == "oldest"
            ? posts.OrderBy(p => p.PublishedAtUtc ?? p.UpdatedAtUtc).ThenBy(p => p.Id)
            : posts.OrderByDescending(p => p.PublishedAtUtc ?? p.UpdatedAtUtc).ThenByDescending(p => p.Id);

        var total = await posts.CountAsync(cancellationToken);
        PageNumber = Math.Clamp(PageNumber, 1, Paging.CountPages(total, PageSize));
        var rows = await posts.Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(p => new Row(p.Id, p.Title, p.Slug, p.Status, p.PublishedAtUtc, p.UpdatedAtUtc))
            .ToListAsync(cancellationToken);
        Posts = new Paged<Row>(rows, PageNumber, Paging.CountPages(total, PageSize));
    }

    public string PageUrl(int page) => SitePaths.Admin.PostsList(QueryString.Create(new Dictionary<string, string?>
    {
        ["status"] = Status,
        ["q"] = Query,
        ["sort"] = Sort,
        ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }));

    public sealed record Row(int Id, string Title, string Slug, PublishStatus Status, DateTime? PublishedAtUtc, DateTime UpdatedAtUtc)
    {
        public string StatusAt(DateTime nowUtc) =>
            Status == PublishStatus.Draft ? "Draft" : PublishedAtUtc > nowUtc ? "Scheduled" : "Published";
    }
}
