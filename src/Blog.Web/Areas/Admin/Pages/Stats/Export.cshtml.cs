using System.Globalization;
using System.Text;
using Blog.Web.Data;
using Blog.Web.Settings;
using Blog.Web.Statistics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Areas.Admin.Pages.Stats;

/// <summary>
/// The daily figures as CSV (RFC 4180, UTF-8): <c>site.csv</c>, one line per day of the period; <c>pages.csv</c>, one line
/// per page read on each day. <c>?days=</c> takes 7, 30 or 365, or <c>all</c> for everything stored.
/// </summary>
public sealed class ExportModel(BlogDbContext db, SiteContext site, TimeProvider clock) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string what, string? days, CancellationToken cancellationToken)
    {
        if (what is not ("site" or "pages"))
        {
            return NotFound();
        }

        var dates = (await site.GetAsync(cancellationToken)).Dates;
        var today = DateOnly.FromDateTime(dates.ToLocal(clock.GetUtcNow().UtcDateTime).DateTime);
        var period = days == "all"
            ? new StatisticsPeriod(today.DayNumber - (await db.StatisticsDays.MinAsync(d => (DateOnly?)d.Day, cancellationToken) ?? today).DayNumber + 1, today)
            : StatisticsPeriod.For(int.TryParse(days, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null, today);

        var csv = new StringBuilder();
        if (what == "site")
        {
            csv.Append("day,views,readers,feed_fetches\r\n");
            foreach (var day in await db.DailyAsync(period, cancellationToken))
            {
                csv.Append(CultureInfo.InvariantCulture, $"{day.Day:yyyy-MM-dd},{day.Views},{day.Readers},{day.FeedFetches}\r\n");
            }
        }
        else
        {
            csv.Append("day,path,kind,views,readers\r\n");
            var rows = await db.StatisticsPages.AsNoTracking()
                .Where(p => p.Day >= period.From && p.Day <= period.To)
                .OrderBy(p => p.Day).ThenBy(p => p.Path)
                .ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                csv.Append(CultureInfo.InvariantCulture, $"{row.Day:yyyy-MM-dd},{Field(row.Path)},{row.Kind.ToString().ToLowerInvariant()},{row.Views},{row.Readers}\r\n");
            }
        }

        var name = $"statistics-{what}-{period.From:yyyy-MM-dd}-to-{period.To:yyyy-MM-dd}.csv";
        return File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", name);
    }

    /// <summary>Quoted when it must be; a leading = + - @ is defused so no spreadsheet takes it for a formula.</summary>
    public static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }
}
