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

    public string FormatMonth(int year, int month) =>
        new DateTime(year, month, 1, 0, 0, 0, DateTimeKind.Unspecified).ToString("Y", Culture);

    /// <summary>The machine-readable form for a <c>&lt;time datetime&gt;</c> attribute.</summary>
    public string IsoDateTime(DateTime utc) => ToLocal(utc).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
