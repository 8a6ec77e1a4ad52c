using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using Ganss.Xss;
using Markdig;

namespace Blog.Web.Comments;

/// <summary>
/// Light Markdown for readers' comments: emphasis, links, quotes, code, lists. No raw HTML, no images, no headings;
/// every link is marked <c>nofollow ugc</c> (a reader's link earns no search rank from the blog). Thread-safe.
/// </summary>
public static partial class CommentMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UseAutoLinks()
        .UseEmphasisExtras()
        .Build();

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    /// <summary>A comment written here, in light Markdown.</summary>
    public static string Render(string markdown) => Sanitizer.Sanitize(Markdig.Markdown.ToHtml(markdown, Pipeline));

    /// <summary>HTML from elsewhere (an export file) reduced to what a comment may hold.</summary>
    public static string Sanitize(string html) => Sanitizer.Sanitize(html);

    /// <summary>A comment brought by an import: HTML or plain text with line breaks, as the old blog kept it.</summary>
    public static string RenderImported(string text)
    {
        if (BlockHtml().IsMatch(text))
        {
            return Sanitizer.Sanitize(text); // already in paragraphs (our own WXR export, an HTML-minded old blog)
        }

        var paragraphs = BlankLines().Split(text.Trim())
            .Where(p => p.Length > 0)
            .Select(p => "<p>" + p.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "<br>\n", StringComparison.Ordinal) + "</p>");
        return Sanitizer.Sanitize(string.Join("\n", paragraphs));
    }

    /// <summary>How many links a comment holds (Markdown links, bare addresses).</summary>
    public static int CountLinks(string text) => LinkLike().Count(text);

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedTags.Clear();
        foreach (var tag in new[] { "p", "br", "em", "strong", "del", "a", "blockquote", "code", "pre", "ul", "ol", "li" })
        {
            sanitizer.AllowedTags.Add(tag);
        }

        sanitizer.AllowedAttributes.Clear();
        sanitizer.AllowedAttributes.Add("href");
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("http");
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedCssProperties.Clear();
        sanitizer.KeepChildNodes = true;
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is IHtmlAnchorElement link)
            {
                link.Relation = "nofollow ugc";
            }
        };
        return sanitizer;
    }

    [GeneratedRegex(@"<(p|blockquote|pre|ul|ol)[\s>]", RegexOptions.IgnoreCase)]
    private static partial Regex BlockHtml();

    [GeneratedRegex(@"\n\s*\n")]
    private static partial Regex BlankLines();

    [GeneratedRegex(@"https?://|www\.", RegexOptions.IgnoreCase)]
    private static partial Regex LinkLike();
}
