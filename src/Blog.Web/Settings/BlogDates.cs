using System.Globalization;

namespace Blog.Web.Settings;

/// <summary>Shows UTC moments as the blog's readers expect them: in the blog's time zone and language.</summary>
public sealed class BlogDates(TimeZoneInfo timeZone, CultureInfo culture)
{
    public static BlogDates Utc { get; } = new(TimeZoneInfo.Utc, CultureInfo.GetCultureInfo("en"));

    public TimeZoneInfo TimeZone { get; } = timeZone;

    public CultureInfo Culture { get; } = culture;

    public static BlogDates For(SiteSettings settings)
    {
        CultureInfo culture;
        try
        {
            culture = CultureInfo.GetCultureInfo(settings.Language);
        }
        catch (CultureNotFoundException)
        {
            culture = CultureInfo.GetCultureInfo("en");
        }

        return new BlogDates(settings.TimeZone, culture);
    }

    public DateTimeOffset ToLocal(DateTime utc) =>
        TimeZoneInfo.ConvertTime(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)), TimeZone);

    /// <summary>The UTC moment at which a local wall-clock time happens in the blog's time zone.</summary>
    public DateTime ToUtc(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (TimeZone.IsInvalidTime(unspecified))
        {
            unspecified = unspecified.AddHours(1); // a time skipped by a daylight-saving jump means the hour after
        }

        return TimeZoneInfo.ConvertTimeToUtc(unspecified, TimeZone);
    }

    /// <summary>"24 November 2026", with month names in the blog's language.</summary>
    public string FormatDate(DateTime utc) => ToLocal(utc).ToString("d MMMM yyyy", Culture);

    /// <summary>"3 December 2026 09:00": how the dashboard shows a moment, and how the author types one.</summary>
    public string FormatDateTime(DateTime utc) => ToLocal(utc).ToString(DateTimeFormat, Culture);

    /// <summary>Tomorrow at 09:00 in the blog's time zone, written as the publish-time field expects it.</summary>
    public string ExampleDateTime(DateTime nowUtc) => ToLocal(nowUtc).Date.AddDays(1).AddHours(9).ToString(DateTimeFormat, Culture);

    private const string DateTimeFormat = "d MMMM yyyy HH:mm";

    // What the publish-time field accepts: the form it shows, short month names, and ISO dates (a browser's
    // datetime-local value, or what people type out of habit), in the blog's language and in English.
    private static readonly string[] DateTimeFormats =
    [
        DateTimeFormat, "d MMMM yyyy H:mm", "d MMM yyyy HH:mm", "d MMM yyyy H:mm", "d MMMM yyyy", "d MMM yyyy",
        "yyyy-MM-dd HH:mm", "yyyy-MM-dd H:mm", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd",
    ];

    /// <summary>Reads a wall-clock time typed in the dashboard (see <see cref="FormatDateTime"/>).</summary>
    public bool TryParseLocal(string? text, out DateTime local)
    {
        local = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = string.Join(' ', text.Split([' ', '\t', '\u00a0', ','], StringSplitOptions.RemoveEmptyEntries));
        foreach (var culture in new[] { Culture, CultureInfo.GetCultureInfo("en"), CultureInfo.InvariantCulture })
        {
            if (DateTime.TryParseExact(trimmed, DateTimeFormats, culture, DateTimeStyles.AllowWhiteSpaces, out local))
            {
                return true;
            }
        }

        return false;
    }

    public string FormatMonth(int year, int month) =>
        new DateTime(year, month, 1, 0, 0, 0, DateTimeKind.Unspecified).ToString("Y", Culture);

    /// <summary>The machine-readable form for a <c>&lt;time datetime&gt;</c> attribute.</summary>
    public string IsoDateTime(DateTime utc) => ToLocal(utc).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
