using Blog.Web.Settings;

namespace Blog.Web.Seo;

/// <summary>
/// Where readers reach the blog, for every absolute link it hands out (feeds, sitemap, canonical and Open Graph
/// URLs, JSON-LD): the <see cref="SiteSettings.BaseUrl"/> setting when there is one, else the request's own scheme
/// and host. One place, so a link shared from a feed and one from a preview can never disagree.
/// </summary>
public sealed record SiteAddress(string Origin)
{
    /// <summary>The origin (and path prefix, if the blog lives under one) with no trailing slash.</summary>
    public string Origin { get; } = Origin.TrimEnd('/');

    public static SiteAddress For(SiteSettings settings, HttpRequest request) =>
        IsValidBaseUrl(settings.BaseUrl)
            ? new SiteAddress(settings.BaseUrl!)
            : new SiteAddress($"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase.ToUriComponent()}");

    /// <summary>An absolute http(s) address without query or fragment: what the base URL setting accepts.</summary>
    public static bool IsValidBaseUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && uri.Scheme is "http" or "https"
        && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment)
        && string.IsNullOrEmpty(uri.UserInfo);

    /// <summary>
    /// The absolute form of a site path (<c>/blog/x</c>). Addresses that are already absolute (a cover image on another
    /// host) come back as they are; protocol-relative ones get https.
    /// </summary>
    public string Absolute(string pathOrUrl)
    {
        if (pathOrUrl.StartsWith("//", StringComparison.Ordinal))
        {
            return "https:" + pathOrUrl;
        }

        if (pathOrUrl.StartsWith('/'))
        {
            return Origin + pathOrUrl;
        }

        return Uri.TryCreate(pathOrUrl, UriKind.Absolute, out _) ? pathOrUrl : $"{Origin}/{pathOrUrl}";
    }

    public string Post(string slug) => Absolute(SitePaths.Post(slug));
}

/// <summary>The site's own addresses, built in one place so feeds, sitemap and pages agree on them.</summary>
public static class SitePaths
{
    public static string Post(string slug) => $"/blog/{Uri.EscapeDataString(slug)}";

    public static string Tag(string slug) => $"/blog/tag/{Uri.EscapeDataString(slug)}";

    public static string Category(string slug) => $"/blog/category/{Uri.EscapeDataString(slug)}";

    public static string Page(string slug) => $"/{Uri.EscapeDataString(slug)}";

    /// <summary>The reader-statistics pixel of the page whose <see cref="Statistics.CountedPath"/> token this is.</summary>
    public static string StatisticsPixel(string token) => $"/stats/seen/{token}.css";

    public const string StatisticsPixelPattern = "/stats/seen/{token}.css";

    /// <summary>The author's statistics: the whole blog over the last <paramref name="days"/> days.</summary>
    public static string AdminStatistics(int? days = null) => days is null ? "/admin/stats" : $"/admin/stats?days={days}";

    /// <summary>The daily figures as CSV: the whole blog's (<c>site</c>) or each page's (<c>pages</c>).</summary>
    public static string AdminStatisticsCsv(string what, int days) => $"/admin/stats/export/{what}.csv?days={days}";

    /// <summary>One post's own figures (<paramref name="kind"/> <c>post</c>), or one static page's (<c>page</c>).</summary>
    public static string AdminContentStatistics(string kind, int id, int? days = null) =>
        days is null ? $"/admin/stats/{kind}/{id}" : $"/admin/stats/{kind}/{id}?days={days}";
}
