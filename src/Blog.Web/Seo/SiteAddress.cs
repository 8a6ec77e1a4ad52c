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

    /// <summary>The photo library, with its search, filter, order and page (defaults left out of the address).</summary>
    public static string MediaLibrary(string? search = null, bool needsDescription = false, string? sort = null, int page = 1) =>
        WithQuery("/admin/media", ("q", search), ("missing", needsDescription ? "true" : null), ("sort", sort), ("page", page > 1 ? page.ToString(System.Globalization.CultureInfo.InvariantCulture) : null));

    public static string MediaPhoto(int id) => $"/admin/media/{id.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>
    /// The photo picker: <paramref name="purpose"/> is insert, gallery or cover; <paramref name="chosen"/> photos go
    /// straight to their descriptions; <paramref name="returnUrl"/> is where the author came from.
    /// </summary>
    public static string MediaPicker(string purpose, string? returnUrl = null, string? search = null, int page = 1, IEnumerable<int>? chosen = null) =>
        WithQuery("/admin/media/pick", [
            ("for", purpose), ("return", returnUrl), ("q", search), ("page", page > 1 ? page.ToString(System.Globalization.CultureInfo.InvariantCulture) : null),
            .. (chosen ?? []).Select(id => ("id", (string?)id.ToString(System.Globalization.CultureInfo.InvariantCulture))),
        ]);

    private static string WithQuery(string path, params (string Name, string? Value)[] parameters)
    {
        var query = string.Join("&", parameters.Where(p => !string.IsNullOrEmpty(p.Value))
            .Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}"));
        return query.Length == 0 ? path : $"{path}?{query}";
    }
}
