using Blog.Web.Data;
using Blog.Web.Posts;
using Blog.Web.Seo;
using Blog.Web.Settings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Pages;

/// <summary>
/// The archive: every month that has posts, with counts (<c>/archive</c>), and the posts of one year or one month
/// (<c>/archive/2026</c>, <c>/archive/2026/11</c>). Months are the blog's months, in its time zone.
/// </summary>
public sealed class ArchiveModel(BlogDbContext db, SiteContext site, TimeProvider clock) : PageModel, IHasPageMetadata
{
    public IReadOnlyList<ArchiveMonth> Months { get; private set; } = [];

    public IReadOnlyList<ArchiveEntry> Entries { get; private set; } = [];

    public int? Year { get; private set; }

    public int? Month { get; private set; }

    public SiteChrome Chrome { get; private set; } = default!;

    public string Heading => (Year, Month) switch
    {
        ({ } y, { } m) => Chrome.Dates.FormatMonth(y, m),
        ({ } y, null) => y.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => "Archive",
    };

    public PageMetadata Metadata => new(Year is null ? "Archive" : $"Archive: {Heading}", $"Everything published on {Chrome.Settings.BlogTitle}, by month.");

    public async Task<IActionResult> OnGetAsync(int? year, int? month, CancellationToken cancellationToken)
    {
        Chrome = await site.GetAsync(cancellationToken);
        var visible = db.Posts.AsNoTracking().VisibleAt(clock.GetUtcNow().UtcDateTime);
        var dates = Chrome.Dates;

        if (year is null)
        {
            // Every month with its posts' titles: readers look for a post by its title, not by a count.
            Entries = await visible.NewestFirst()
                .Select(p => new ArchiveEntry(p.Title, p.Slug, p.PublishedAtUtc!.Value))
                .ToListAsync(cancellationToken);
            Months = Entries
                .Select(e => dates.ToLocal(e.PublishedAtUtc))
                .GroupBy(local => (local.Year, local.Month))
                .OrderByDescending(g => g.Key)
                .Select(g => new ArchiveMonth(g.Key.Year, g.Key.Month, g.Count()))
                .ToList();
            return Page();
        }

        if (year is < 1 or > 9998 || month is < 1 or > 12)
        {
            return NotFound();
        }

        Year = year;
        Month = month;
        var fromLocal = new DateTime(year.Value, month ?? 1, 1);
        var untilLocal = month is null ? fromLocal.AddYears(1) : fromLocal.AddMonths(1);
        var (fromUtc, untilUtc) = (dates.ToUtc(fromLocal), dates.ToUtc(untilLocal));

        Entries = await visible
            .Where(p => p.PublishedAtUtc >= fromUtc && p.PublishedAtUtc < untilUtc)
            .NewestFirst()
            .Select(p => new ArchiveEntry(p.Title, p.Slug, p.PublishedAtUtc!.Value))
            .ToListAsync(cancellationToken);
        return Entries.Count == 0 ? NotFound() : Page();
    }
}

public sealed record ArchiveMonth(int Year, int Month, int PostCount);

public sealed record ArchiveEntry(string Title, string Slug, DateTime PublishedAtUtc);
