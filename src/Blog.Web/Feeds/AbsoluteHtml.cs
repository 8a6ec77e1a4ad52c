using AngleSharp.Html.Parser;
using Blog.Web.Seo;

namespace Blog.Web.Feeds;

/// <summary>
/// Makes the site-relative addresses in a post's HTML absolute, for places that show it away from the site (feed
/// readers): <c>src</c>, <c>href</c>, <c>poster</c> and each <c>srcset</c> candidate starting with one slash, and
/// in-page anchors (<c>#fn1</c>) pointing at the post itself. Parsed rather than pattern-matched, so text that merely
/// looks like an attribute is left alone.
/// </summary>
public static class AbsoluteHtml
{
    private static readonly string[] UrlAttributes = ["src", "href", "poster"];

    public static string Rewrite(string html, SiteAddress address, string pageUrl)
    {
        var document = new HtmlParser().ParseDocument($"<body>{html}</body>");
        var body = document.Body!;
        foreach (var element in body.QuerySelectorAll("[src], [href], [poster], [srcset]"))
        {
            foreach (var name in UrlAttributes)
            {
                if (element.GetAttribute(name) is { } value)
                {
                    element.SetAttribute(name, Absolute(value, address, pageUrl));
                }
            }

            if (element.GetAttribute("srcset") is { } srcset)
            {
                var candidates = srcset.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                element.SetAttribute("srcset", string.Join(", ", candidates.Select(c => Absolute(c, address, pageUrl))));
            }
        }

        return body.InnerHtml;
    }

    private static string Absolute(string value, SiteAddress address, string pageUrl) =>
        value.StartsWith('#') ? pageUrl + value
        : value.StartsWith('/') && !value.StartsWith("//", StringComparison.Ordinal) ? address.Origin + value
        : value;
}
