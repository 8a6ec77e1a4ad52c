using Blog.Web.Data;
using Blog.Web.Seo;
using Blog.Web.Settings;
using Blog.Web.Statistics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Blog.Web.Areas.Admin.Pages.Stats;

/// <summary>The blog's readers over the last 7, 30 or 365 days: a chart, the most read posts, where readers came from, feed subscribers.</summary>
public sealed class IndexModel(BlogDbContext db, SiteContext site, TimeProvider clock, IOptions<StatisticsOptions> options) : PageModel, IHasPageMetadata
{
    [BindProperty(SupportsGet = true)]
    public int? Days { get; set; }

    public StatisticsPeriod Period { get; private set; } = default!;

    public BlogDates Dates { get; private set; } = BlogDates.Utc;

    public IReadOnlyList<DayFigures> Daily { get; private set; } = [];

    public IReadOnlyList<ContentFigures> TopContent { get; private set; } = [];

    public IReadOnlyList<SourceTotal> Referrers { get; private set; } = [];

    public IReadOnlyList<SourceTotal> Campaigns { get; private set; } = [];

    public IReadOnlyList<FeedReaderTotal> FeedReaders { get; private set; } = [];

    public bool Enabled => options.Value.Enabled;

    public PageMetadata Metadata => new("Statistics");

    public StatisticsFiguresView Figures => new(
        Period, Daily, Dates.Culture, $"Views and readers, last {(Period.Days == 365 ? "year" : $"{Period.Days} days")}", ShowFeeds: true, days => SitePaths.AdminStatistics(days));

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Dates = (await site.GetAsync(cancellationToken)).Dates;
        Period = StatisticsPeriod.For(Days, DateOnly.FromDateTime(Dates.ToLocal(clock.GetUtcNow().UtcDateTime).DateTime));
        Daily = await db.DailyAsync(Period, cancellationToken);
        TopContent = await db.TopContentAsync(Period, 10, cancellationToken);
        Referrers = await db.TopSourcesAsync(Period, campaigns: false, 10, cancellationToken);
        Campaigns = await db.TopSourcesAsync(Period, campaigns: true, 10, cancellationToken);
        FeedReaders = await db.FeedReadersAsync(Period, cancellationToken);
    }

    public static string SourceLabel(SourceKind kind) => kind switch
    {
        SourceKind.Search => "search engine",
        SourceKind.FeedReader => "feed reader",
        SourceKind.Campaign => "campaign",
        _ => "site",
    };
}
