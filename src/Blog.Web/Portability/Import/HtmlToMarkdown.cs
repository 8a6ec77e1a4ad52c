using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Blog.Web.Portability.Import;

/// <summary>
/// Turns an imported post's HTML into the Markdown the author will edit: paragraphs, headings, emphasis, links,
/// lists, images, quotes and code become Markdown; anything else (tables, embeds, styled spans) stays as HTML inside
/// the Markdown, which the renderer sanitizes. WordPress block comments go, Squarespace's block divs are unwrapped.
/// No text is dropped: what does not convert is kept as it was.
/// </summary>
public static partial class HtmlToMarkdown
{
    private static readonly HashSet<string> Containers = new(StringComparer.OrdinalIgnoreCase)
    {
        "DIV", "SECTION", "ARTICLE", "MAIN", "HEADER", "FOOTER", "ASIDE", "NAV", "BODY", "CENTER",
    };

    private static readonly HashSet<string> Inline = new(StringComparer.OrdinalIgnoreCase)
    {
        "SPAN", "FONT", "ABBR", "SMALL", "LABEL", "TIME", "CITE", "Q",
    };

    public static string Convert(string? html)
    {
        if (string.IsNullOrWhiteSpace(html))
        {
            return "";
        }

        var document = new HtmlParser().ParseDocument($"<!DOCTYPE html><html><body>{AutoParagraphs(html)}</body></html>");
        var output = new StringBuilder();
        Blocks(document.Body!, output, "");
        return MultipleBlankLines().Replace(output.ToString(), "\n\n").Trim() + "\n";
    }

    /// <summary>
    /// WordPress stores most posts without &lt;p&gt; tags and adds them when it shows them (its "wpautop"): blank
    /// lines separate paragraphs, and a single line break is a &lt;br&gt;.
    /// </summary>
    private static string AutoParagraphs(string html)
    {
        html = BlockComment().Replace(html, "");
        if (BlockTag().IsMatch(html) || !html.Contains('\n', StringComparison.Ordinal))
        {
            return html;
        }

        var paragraphs = ParagraphBreak().Split(html.Trim())
            .Select(p => "<p>" + p.Trim().Replace("\n", "<br>\n", StringComparison.Ordinal) + "</p>");
        return string.Join("\n", paragraphs);
    }

    private static void Blocks(INode parent, StringBuilder output, string indent)
    {
        var inline = new StringBuilder();
        foreach (var node in parent.ChildNodes)
        {
            if (node is IElement element && IsBlock(element))
            {
                FlushParagraph(inline, output, indent);
                Block(element, output, indent);
            }
            else
            {
                InlineNode(node, inline);
            }
        }

        FlushParagraph(inline, output, indent);
    }

    private static bool IsBlock(IElement element) =>
        Containers.Contains(element.TagName) || element.TagName is "P" or "H1" or "H2" or "H3" or "H4" or "H5" or "H6"
            or "UL" or "OL" or "BLOCKQUOTE" or "PRE" or "HR" or "FIGURE" or "TABLE" or "IFRAME" or "VIDEO" or "AUDIO"
            or "DL" or "FORM" or "OBJECT" or "EMBED" or "SCRIPT" or "STYLE" or "NOSCRIPT";

    private static void FlushParagraph(StringBuilder inline, StringBuilder output, string indent)
    {
        // The line break an HTML source puts after a <br> is only whitespace: it must not indent the next line.
        var text = inline.ToString().Trim().Replace("\\\n ", "\\\n", StringComparison.Ordinal);
        inline.Clear();
        if (text.Length > 0)
        {
            output.Append(indent).Append(text.Replace("\n", "\n" + indent, StringComparison.Ordinal)).Append("\n\n");
        }
    }

    private static void Block(IElement element, StringBuilder output, string indent)
    {
        switch (element.TagName)
        {
            case var tag when Containers.Contains(tag):
                Blocks(element, output, indent);
                break;
            case "P":
                Blocks(element, output, indent);
                break;
            case ['H', var level] when char.IsAsciiDigit(level):
                var heading = InlineText(element);
                if (heading.Length > 0)
                {
                    output.Append(indent).Append('#', level - '0').Append(' ').Append(heading.Replace("\n", " ", StringComparison.Ordinal)).Append("\n\n");
                }

                break;
            case "BLOCKQUOTE":
                var quoted = new StringBuilder();
                Blocks(element, quoted, "");
                var lines = quoted.ToString().TrimEnd().Split('\n').Select(l => l.Length == 0 ? ">" : "> " + l);
                output.Append(indent).Append(string.Join("\n" + indent, lines)).Append("\n\n");
                break;
            case "UL" or "OL":
                List(element, output, indent);
                break;
            case "PRE":
                var code = element.TextContent.TrimEnd('\n');
                var fence = code.Contains("```", StringComparison.Ordinal) ? "~~~~" : "```";
                output.Append(indent).Append(fence).Append('\n').Append(indent)
                    .Append(code.Replace("\n", "\n" + indent, StringComparison.Ordinal)).Append('\n').Append(indent).Append(fence).Append("\n\n");
                break;
            case "HR":
                output.Append(indent).Append("---\n\n");
                break;
            case "FIGURE" when element.QuerySelector("table, iframe, video, audio") is null:
                Blocks(element, output, indent); // the image, then its caption as a paragraph
                break;
            default:
                // Tables, embeds and the like: kept as HTML, on lines of their own so Markdown leaves them alone.
                var html = BlankLines().Replace(element.OuterHtml, "\n");
                output.Append(indent).Append(html.Replace("\n", "\n" + indent, StringComparison.Ordinal)).Append("\n\n");
                break;
        }
    }

    private static void List(IElement list, StringBuilder output, string indent)
    {
        var number = int.TryParse(list.GetAttribute("start"), out var start) ? start : 1;
        foreach (var item in list.Children.Where(c => c.TagName == "LI"))
        {
            var marker = list.TagName == "OL" ? $"{number++}. " : "- ";
            var content = new StringBuilder();
            Blocks(item, content, "");
            var lines = MultipleBlankLines().Replace(content.ToString().Trim(), "\n\n").Split('\n');
            var padding = new string(' ', marker.Length);
            output.Append(indent).Append(marker).Append(lines[0]).Append('\n');
            foreach (var line in lines.Skip(1))
            {
                output.Append(line.Length == 0 ? "" : indent + padding + line).Append('\n');
            }
        }

        output.Append('\n');
    }

    private static string InlineText(INode parent)
    {
        var text = new StringBuilder();
        foreach (var child in parent.ChildNodes)
        {
            InlineNode(child, text);
        }

        return text.ToString().Trim();
    }

    private static void InlineNode(INode node, StringBuilder output)
    {
        switch (node)
        {
            case IText text:
                output.Append(EscapeText(Whitespace().Replace(text.Data, " ")));
                break;
            case IElement element:
                InlineElement(element, output);
                break;
        }
    }

    private static void InlineElement(IElement element, StringBuilder output)
    {
        switch (element.TagName)
        {
            case "BR":
                output.Append("\\\n");
                break;
            case "STRONG" or "B":
                Wrap(element, output, "**");
                break;
            case "EM" or "I":
                Wrap(element, output, "*");
                break;
            case "CODE" when !element.TextContent.Contains('`', StringComparison.Ordinal):
                output.Append('`').Append(element.TextContent).Append('`');
                break;
            case "A" when element.GetAttribute("href") is { Length: > 0 } href && !href.Contains(' ', StringComparison.Ordinal):
                var label = InlineText(element);
                output.Append('[').Append(label.Length > 0 ? label : EscapeText(href)).Append("](").Append(EscapeUrl(href))
                    .Append(Title(element)).Append(')');
                break;
            case "IMG" when element.GetAttribute("src") is { Length: > 0 } src && !src.Contains(' ', StringComparison.Ordinal):
                output.Append("![").Append(EscapeText(element.GetAttribute("alt") ?? "")).Append("](").Append(EscapeUrl(src))
                    .Append(Title(element)).Append(')');
                break;
            case "FIGCAPTION":
                output.Append("\n\n");
                InlineChildren(element, output);
                break;
            case var tag when Inline.Contains(tag):
                InlineChildren(element, output);
                break;
            default:
                // <sup>, <u>, <mark>, an <a> without an address…: kept as inline HTML, its text still Markdown.
                output.Append(Whitespace().Replace(element.OuterHtml, " "));
                break;
        }
    }

    private static void InlineChildren(IElement element, StringBuilder output)
    {
        foreach (var child in element.ChildNodes)
        {
            InlineNode(child, output);
        }
    }

    private static void Wrap(IElement element, StringBuilder output, string marker)
    {
        var inner = InlineText(element);
        if (inner.Length == 0)
        {
            return;
        }

        // Emphasis markers must touch the words they wrap; spaces inside the tag move outside it.
        var leading = element.TextContent.Length > 0 && char.IsWhiteSpace(element.TextContent[0]) ? " " : "";
        var trailing = element.TextContent.Length > 0 && char.IsWhiteSpace(element.TextContent[^1]) ? " " : "";
        output.Append(leading).Append(marker).Append(inner).Append(marker).Append(trailing);
    }

    private static string Title(IElement element) =>
        element.GetAttribute("title") is { Length: > 0 } title ? $" \"{title.Replace("\"", "\\\"", StringComparison.Ordinal)}\"" : "";

    private static string EscapeUrl(string url) =>
        url.Replace("(", "%28", StringComparison.Ordinal).Replace(")", "%29", StringComparison.Ordinal);

    /// <summary>Backslash-escapes what Markdown would otherwise read as markup, so text stays text.</summary>
    private static string EscapeText(string text)
    {
        var escaped = MarkdownPunctuation().Replace(text, @"\$0");
        return LineStartMarker().Replace(escaped, m => m.Value[..^1] + "\\" + m.Value[^1..]);
    }

    [GeneratedRegex(@"<!--\s*/?wp:.*?-->", RegexOptions.Singleline)]
    private static partial Regex BlockComment();

    [GeneratedRegex(@"<(p|div|h[1-6]|ul|ol|blockquote|pre|table|figure|section)[\s>]", RegexOptions.IgnoreCase)]
    private static partial Regex BlockTag();

    [GeneratedRegex(@"\n\s*\n")]
    private static partial Regex ParagraphBreak();

    [GeneratedRegex(@"\n[ \t]*\n")]
    private static partial Regex BlankLines();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex MultipleBlankLines();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"[\\`*_\[\]<>|]")]
    private static partial Regex MarkdownPunctuation();

    [GeneratedRegex(@"^(\s*)([#+\-=]|\d+\.)(?=\s|$)")]
    private static partial Regex LineStartMarker();
}
