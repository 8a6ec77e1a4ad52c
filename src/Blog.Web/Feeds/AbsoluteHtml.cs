using System.Text.RegularExpressions;
using Blog.Web.Seo;

namespace Blog.Web.Feeds;

/// <summary>
/// Makes the site-relative addresses in a post's HTML absolute, for places that show it away from the site (feed
/// readers): <c>src</c>, <c>href</c>, <c>poster</c> and each <c>srcset</c> candidate starting with one slash, and
/// in-page anchors (<c>#fn1</c>) pointing at the post itself. Post HTML comes from the sanitizer, which always writes
/// attributes in double quotes, so a pattern over attributes is enough.
/// </summary>
public static partial class AbsoluteHtml
{
    public static string Rewrite(string html, SiteAddress address, string pageUrl) =>
        UrlAttribute().Replace(html, match =>
        {
            var name = match.Groups["name"].Value;
            var value = match.Groups["value"].Value;
            var rewritten = name.Equals("srcset", StringComparison.OrdinalIgnoreCase)
                ? string.Join(", ", value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(c => Absolute(c, address, pageUrl)))
                : Absolute(value, address, pageUrl);
            return $"{name}=\"{rewritten}\"";
        });

    private static string Absolute(string value, SiteAddress address, string pageUrl) =>
        value.StartsWith('#') ? pageUrl + value
        : value.StartsWith('/') && !value.StartsWith("//", StringComparison.Ordinal) ? address.Origin + value
        : value;

    [GeneratedRegex("\\b(?<name>src|href|poster|srcset)=\"(?<value>[^\"]*)\"", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlAttribute();
}
