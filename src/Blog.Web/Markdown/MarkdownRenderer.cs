using Ganss.Xss;
using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace Blog.Web.Markdown;

public sealed record RenderedMarkdown(string Html, string PlainText, int WordCount);

/// <summary>
/// The one Markdown pipeline of the blog: what the author writes becomes sanitized HTML here, whether it is a
/// post, a page, a preview or a snippet in the layout. Thread-safe; register it once.
/// </summary>
public sealed class MarkdownRenderer
{
    private readonly MarkdownPipeline pipeline;
    private readonly HtmlSanitizer sanitizer;

    public MarkdownRenderer()
    {
        pipeline = new MarkdownPipelineBuilder()
            .UseAdvancedExtensions() // tables, footnotes, task lists, auto-links, figures, heading ids, and more
            .UseSmartyPants()
            .Build();
        sanitizer = MarkdownSanitizer.Create();
    }

    public RenderedMarkdown Render(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return new RenderedMarkdown("", "", 0);
        }

        var document = Markdig.Markdown.Parse(markdown, pipeline);
        var html = sanitizer.Sanitize(ToHtml(document));
        var text = PlainText.FromHtml(html);
        return new RenderedMarkdown(html, text, PlainText.CountWords(text));
    }

    public string RenderHtml(string? markdown) => Render(markdown).Html;

    private string ToHtml(MarkdownDocument document)
    {
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        pipeline.Setup(renderer);
        renderer.ObjectRenderers.Replace<HeadingRenderer>(new AnchoredHeadingRenderer());
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }
}
