using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Caching.Memory;

namespace Blog.Web.Markdown;

/// <summary>
/// <c>&lt;markdown&gt;</c> renders Markdown through the blog's pipeline, from its <c>markdown</c> attribute or,
/// failing that, its own content (our stand-in for Westwind.AspNetCore.Markdown). The sanitized result is
/// remembered, so a snippet shown on every page is not rendered on every request.
/// </summary>
[HtmlTargetElement("markdown")]
public sealed class MarkdownTagHelper(MarkdownRenderer renderer, IMemoryCache cache) : TagHelper
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromHours(1);

    /// <summary>The Markdown to render; when null, the element's content is rendered instead.</summary>
    [HtmlAttributeName("markdown")]
    public string? Markdown { get; set; }

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        var source = Markdown ?? Dedent((await output.GetChildContentAsync()).GetContent());

        output.TagName = null; // the element itself is not emitted, only what it renders
        var html = cache.GetOrCreate(("markdown", source), entry =>
        {
            entry.SlidingExpiration = CacheFor;
            return renderer.RenderHtml(source);
        });
        output.Content.SetHtmlContent(html ?? "");
    }

    /// <summary>Content written inside an indented Razor element would otherwise read as a Markdown code block.</summary>
    internal static string Dedent(string content)
    {
        var lines = content.Replace("\r\n", "\n").Split('\n');
        var indent = lines.Where(l => l.Trim().Length > 0)
            .Select(l => l.Length - l.TrimStart().Length)
            .DefaultIfEmpty(0)
            .Min();
        return string.Join('\n', lines.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart())).Trim('\n');
    }
}
