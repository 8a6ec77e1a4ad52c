using Microsoft.Extensions.Primitives;

namespace Blog.Web.Comments;

/// <summary>
/// The comment form sits on a page kept for everyone, so it carries no per-reader antiforgery token; instead a post
/// must come from the blog's own pages: <c>Sec-Fetch-Site</c> (sent by every current browser) must say same-origin,
/// and an <c>Origin</c>, when sent, must be the blog's own (the request's host, or the public address setting).
/// </summary>
public static class CrossSiteCheck
{
    public static bool IsFromOwnPages(HttpRequest request, string? baseUrl)
    {
        var fetchSite = request.Headers["Sec-Fetch-Site"];
        if (!StringValues.IsNullOrEmpty(fetchSite) && fetchSite.ToString() is not ("same-origin" or "none"))
        {
            return false;
        }

        var origin = request.Headers.Origin.ToString();
        if (string.IsNullOrEmpty(origin))
        {
            return true; // a browser without JavaScript's fetch, an older one, or a program: the token and spam rules still apply
        }

        if (origin == "null" || !Uri.TryCreate(origin, UriKind.Absolute, out var from))
        {
            return false;
        }

        var own = $"{request.Scheme}://{request.Host.ToUriComponent()}";
        return string.Equals(from.GetLeftPart(UriPartial.Authority), own, StringComparison.OrdinalIgnoreCase)
            || (Uri.TryCreate(baseUrl, UriKind.Absolute, out var site)
                && string.Equals(from.GetLeftPart(UriPartial.Authority), site.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase));
    }
}
