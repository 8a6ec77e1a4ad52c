using Blog.Web.Addresses;
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
