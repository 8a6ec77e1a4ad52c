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

    /// <summary>
    /// The text a generated excerpt starts from: the readable text without headings, photo blocks and their captions,
    /// code and tables, so a heading never runs into the sentence after it (“…a Career Balancing motherhood…”).
    /// </summary>
    public static string ProseFromHtml(string html)
    {
        var prose = Headings().Replace(html, " ");
        prose = CodeAndTables().Replace(prose, " ");
        string previous;
        do
        {
            previous = prose;
            prose = InnermostFigure().Replace(prose, " "); // galleries nest figures
        }
        while (prose.Length != previous.Length);

        return FromHtml(prose);
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

    [GeneratedRegex(@"<h([1-6])\b[^>]*>.*?</h\1>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Headings();

    [GeneratedRegex(@"<(pre|table)\b[^>]*>.*?</\1>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex CodeAndTables();

    [GeneratedRegex(@"<figure\b[^>]*>(?:(?!<figure\b).)*?</figure>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex InnermostFigure();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex AnyTag();

    [GeneratedRegex("\\s+")]
    private static partial Regex Whitespace();
}
