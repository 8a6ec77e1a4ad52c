using Blog.Web.Data;
using Blog.Web.Seo;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Statistics;

/// <summary>One day's figures, zero on a day nothing was counted.</summary>
public sealed record DayFigures(DateOnly Day, int Views, int Readers, int FeedFetches);

/// <summary>A post's or page's figures over a period, with where the dashboard shows more.</summary>
public sealed record ContentFigures(ReadKind Kind, string Title, string Path, string? StatisticsUrl, int Views, int Readers);

public sealed record SourceTotal(SourceKind Kind, string Name, int Views);

public sealed record FeedReaderTotal(string Reader, int Subscribers, int Fetches);

/// <summary>The period the statistics pages show: the last 7, 30 or 365 days up to today, in the blog's time zone.</summary>
public sealed record StatisticsPeriod(int Days, DateOnly To)
{
    public static readonly int[] Choices = [7, 30, 365];

    public DateOnly From => To.AddDays(1 - Days);

    public static StatisticsPeriod For(int? days, DateOnly today) => new(days is { } d && Choices.Contains(d) ? d : 30, today);
}

/// <summary>The reads behind the statistics pages: no-tracking, shaped for them, one query per table.</summary>
public static class StatisticsQueries
{
    public static async Task<IReadOnlyList<DayFigures>> DailyAsync(this BlogDbContext db, StatisticsPeriod period, CancellationToken cancellationToken)
    {
        var stored = await db.StatisticsDays.AsNoTracking()
            .Where(d => d.Day >= period.From && d.Day <= period.To)
            .ToDictionaryAsync(d => d.Day, cancellationToken);
        return EachDay(period, day => stored.TryGetValue(day, out var d) ? new DayFigures(day, d.Views, d.Readers, d.FeedFetches) : new DayFigures(day, 0, 0, 0));
    }

    /// <summary>A post's or page's days, found by its id (so through a change of slug too).</summary>
    public static async Task<IReadOnlyList<DayFigures>> ContentDailyAsync(
        this BlogDbContext db, ReadKind kind, int id, StatisticsPeriod period, CancellationToken cancellationToken)
    {
        var stored = await db.StatisticsPages.AsNoTracking()
            .Where(p => p.Kind == kind && p.ContentId == id && p.Day >= period.From && p.Day <= period.To)
            .GroupBy(p => p.Day)
            .Select(g => new { Day = g.Key, Views = g.Sum(p => p.Views), Readers = g.Sum(p => p.Readers) })
            .ToDictionaryAsync(d => d.Day, cancellationToken);
        return EachDay(period, day => stored.TryGetValue(day, out var d) ? new DayFigures(day, d.Views, d.Readers, 0) : new DayFigures(day, 0, 0, 0));
    }

    /// <summary>The most read posts and pages of the period; one whose row outlived it shows its address.</summary>
    public static async Task<IReadOnlyList<ContentFigures>> TopContentAsync(this BlogDbContext db, StatisticsPeriod period, int take, CancellationToken cancellationToken)
    {
        var rows = await db.StatisticsPages.AsNoTracking()
            .Where(p => (p.Kind == ReadKind.Post || p.Kind == ReadKind.Page) && p.Day >= period.From && p.Day <= period.To)
            .GroupBy(p => new { p.Kind, p.ContentId, p.Path })
            .Select(g => new { g.Key.Kind, g.Key.ContentId, g.Key.Path, Views = g.Sum(p => p.Views), Readers = g.Sum(p => p.Readers) })
            .ToListAsync(cancellationToken);

        // One line per post, whatever addresses it was read at.
        var grouped = rows
            .GroupBy(r => r.ContentId is { } id ? $"{(int)r.Kind}:{id}" : r.Path)
            .Select(g => (First: g.OrderByDescending(r => r.Views).First(), Views: g.Sum(r => r.Views), Readers: g.Sum(r => r.Readers)))
            .OrderByDescending(g => g.Readers).ThenByDescending(g => g.Views).ThenBy(g => g.First.Path, StringComparer.Ordinal)
            .Take(take)
            .ToList();

        var postIds = grouped.Where(g => g.First is { Kind: ReadKind.Post, ContentId: not null }).Select(g => g.First.ContentId!.Value).ToList();
        var pageIds = grouped.Where(g => g.First is { Kind: ReadKind.Page, ContentId: not null }).Select(g => g.First.ContentId!.Value).ToList();
        var postTitles = await db.Posts.AsNoTracking().Where(p => postIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Title, cancellationToken);
        var pageTitles = await db.StaticPages.AsNoTracking().Where(p => pageIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Title, cancellationToken);

        return grouped.Select(g =>
        {
            var (kind, id, path) = (g.First.Kind, g.First.ContentId, g.First.Path);
            var title = id is { } known && (kind == ReadKind.Post ? postTitles : pageTitles).TryGetValue(known, out var t) ? t : null;
            return new ContentFigures(kind, title ?? path, path,
                title is null ? null : SitePaths.AdminContentStatistics(kind == ReadKind.Post ? "post" : "page", id!.Value, period.Days),
                g.Views, g.Readers);
        }).ToList();
    }

    /// <summary>Where views came from over the period: sites, search engines and feed readers, or (with <paramref name="campaigns"/>) campaign tags.</summary>
    public static async Task<IReadOnlyList<SourceTotal>> TopSourcesAsync(
        this BlogDbContext db, StatisticsPeriod period, bool campaigns, int take, CancellationToken cancellationToken, IReadOnlyCollection<string>? paths = null)
    {
        var sources = db.StatisticsSources.AsNoTracking()
            .Where(s => s.Day >= period.From && s.Day <= period.To)
            .Where(s => campaigns ? s.Kind == SourceKind.Campaign : s.Kind != SourceKind.Campaign);
        if (paths is not null)
        {
            sources = sources.Where(s => paths.Contains(s.Path));
        }

        var totals = await sources
            .GroupBy(s => new { s.Kind, s.Name })
            .Select(g => new { g.Key.Kind, g.Key.Name, Views = g.Sum(s => s.Views) })
            .ToListAsync(cancellationToken);
        return totals.OrderByDescending(s => s.Views).ThenBy(s => s.Name, StringComparer.Ordinal).Take(take)
            .Select(s => new SourceTotal(s.Kind, s.Name, s.Views)).ToList();
    }

    /// <summary>Each feed reader's subscribers on the last day of the period it fetched (over all feeds), and its fetches in the period.</summary>
    public static async Task<IReadOnlyList<FeedReaderTotal>> FeedReadersAsync(this BlogDbContext db, StatisticsPeriod period, CancellationToken cancellationToken)
    {
        var rows = await db.StatisticsFeeds.AsNoTracking()
            .Where(f => f.Day >= period.From && f.Day <= period.To)
            .Select(f => new { f.Day, f.Path, f.Reader, f.Fetches, f.Subscribers })
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.Reader)
            .Select(g =>
            {
                var last = g.Max(r => r.Day);
                return new FeedReaderTotal(g.Key, g.Where(r => r.Day == last).Sum(r => r.Subscribers), g.Sum(r => r.Fetches));
            })
            .OrderByDescending(r => r.Subscribers).ThenByDescending(r => r.Fetches).ThenBy(r => r.Reader, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The addresses a post or page has been counted at (more than one after a change of slug).</summary>
    public static async Task<IReadOnlyList<string>> ContentPathsAsync(this BlogDbContext db, ReadKind kind, int id, CancellationToken cancellationToken) =>
        await db.StatisticsPages.AsNoTracking().Where(p => p.Kind == kind && p.ContentId == id).Select(p => p.Path).Distinct().ToListAsync(cancellationToken);

    private static List<DayFigures> EachDay(StatisticsPeriod period, Func<DateOnly, DayFigures> figures)
    {
        var days = new List<DayFigures>(period.Days);
        for (var day = period.From; day <= period.To; day = day.AddDays(1))
        {
            days.Add(figures(day));
        }

        return days;
    }
}
