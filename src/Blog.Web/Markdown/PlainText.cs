using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Blog.Web.Markdown;

internal static partial class PlainText
{
    /// <summary>The readable text of sanitized HTML: tags and heading anchors dropped, entities decoded, spaces folded.</summary>
    public static string FromHtml(string html)
    {
        var withoutAnchors = HeadingAnchor().Replace(html, "");
        var withBreaks = BlockEnd().Replace(withoutAnchors, " ");
        var text = WebUtility.HtmlDecode(AnyTag().Replace(withBreaks, ""));
        return Whitespace().Replace(text, " ").Trim();
    }

    public static int CountWords(string text)
    {
        var count = 0;
        var inWord = false;
        foreach (var rune in text.EnumerateRunes())
        {
            var isWordRune = Rune.IsLetterOrDigit(rune);
            if (isWordRune && !inWord)
            {
                count++;
            }

            inWord = isWordRune || (inWord && (rune.Value == '\'' || rune.Value == '’' || rune.Value == '-'));
        }

        return count;
    }

    [GeneratedRegex("<a class=\"heading-anchor\"[^>]*>#</a>")]
    private static partial Regex HeadingAnchor();

    [GeneratedRegex("</(p|h[1-6]|li|td|th|blockquote|pre|figcaption|div|section)>|<br\\s*/?>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockEnd();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex AnyTag();

    [GeneratedRegex("\\s+")]
    private static partial Regex Whitespace();
}
