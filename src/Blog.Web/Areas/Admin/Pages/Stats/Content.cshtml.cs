using Blog.Web.Data;
using Blog.Web.Seo;
using Blog.Web.Settings;
using Blog.Web.Statistics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Areas.Admin.Pages.Stats;

/// <summary>One post's (or page's) own figures: its chart, totals and where its readers came from.</summary>
public sealed class ContentModel(BlogDbContext db, SiteContext site, TimeProvider clock) : PageModel, IHasPageMetadata
{
    [BindProperty(SupportsGet = true)]
    public int? Days { get; set; }

    public string Kind { get; private set; } = "post";

    public int Id { get; private set; }

    public string Title { get; private set; } = "";

    public string EditUrl { get; private set; } = "";

    public string PublicUrl { get; private set; } = "";

    public StatisticsPeriod Period { get; private set; } = default!;

    public BlogDates Dates { get; private set; } = BlogDates.Utc;

    public IReadOnlyList<DayFigures> Daily { get; private set; } = [];

    public IReadOnlyList<SourceTotal> Referrers { get; private set; } = [];

    public IReadOnlyList<SourceTotal> Campaigns { get; private set; } = [];

    public PageMetadata Metadata => new($"Statistics of “{Title}”");

    public StatisticsFiguresView Figures => new(
        Period, Daily, Dates.Culture, $"Views and readers of “{Title}”", ShowFeeds: false, days => SitePaths.AdminContentStatistics(Kind, Id, days));

    public async Task<IActionResult> OnGetAsync(string kind, int id, CancellationToken cancellationToken)
    {
        if (kind is not ("post" or "page"))
        {
            return NotFound();
        }

        var readKind = kind == "post" ? ReadKind.Post : ReadKind.Page;
        var found = readKind == ReadKind.Post
            ? await db.Posts.AsNoTracking().Where(p => p.Id == id).Select(p => new { p.Title, p.Slug }).SingleOrDefaultAsync(cancellationToken)
            : await db.StaticPages.AsNoTracking().Where(p => p.Id == id).Select(p => new { p.Title, p.Slug }).SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return NotFound();
        }

        (Kind, Id, Title) = (kind, id, found.Title);
        EditUrl = readKind == ReadKind.Post ? SitePaths.Admin.Post(id) : SitePaths.Admin.Page(id);
        PublicUrl = readKind == ReadKind.Post ? SitePaths.Post(found.Slug) : SitePaths.Page(found.Slug);
        Dates = (await site.GetAsync(cancellationToken)).Dates;
        Period = StatisticsPeriod.For(Days, DateOnly.FromDateTime(Dates.ToLocal(clock.GetUtcNow().UtcDateTime).DateTime));
        Daily = await db.ContentDailyAsync(readKind, id, Period, cancellationToken);
        var paths = await db.ContentPathsAsync(readKind, id, cancellationToken);
        Referrers = await db.TopSourcesAsync(Period, campaigns: false, 20, cancellationToken, paths);
        Campaigns = await db.TopSourcesAsync(Period, campaigns: true, 20, cancellationToken, paths);
        return Page();
    }
}
