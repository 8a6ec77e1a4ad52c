using Blog.Web.Media;
using Ganss.Xss;
using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Renderers.Html.Inlines;
using Markdig.Syntax;

namespace Blog.Web.Markdown;

/// <param name="Prose">The text a generated excerpt is made from: no headings, captions, code or tables.</param>
public sealed record RenderedMarkdown(string Html, string PlainText, int WordCount, string Prose = "");

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

    /// <param name="markdown">What the author wrote.</param>
    /// <param name="images">The library photos the text refers to, loaded beforehand; they render as responsive pictures.</param>
    public RenderedMarkdown Render(string? markdown, LibraryImages? images = null)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return new RenderedMarkdown("", "", 0);
        }

        var document = Markdig.Markdown.Parse(markdown, pipeline);
        var html = sanitizer.Sanitize(ToHtml(document, images ?? LibraryImages.None));
        var text = PlainText.FromHtml(html);
        return new RenderedMarkdown(html, text, PlainText.CountWords(text), PlainText.ProseFromHtml(html));
    }

    public string RenderHtml(string? markdown, LibraryImages? images = null) => Render(markdown, images).Html;

    private string ToHtml(MarkdownDocument document, LibraryImages images)
    {
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        pipeline.Setup(renderer);
        renderer.ObjectRenderers.Replace<HeadingRenderer>(new AnchoredHeadingRenderer());
        var photos = new PhotoContext(images);
        renderer.ObjectRenderers.Replace<ParagraphRenderer>(new PhotoParagraphRenderer(photos));
        renderer.ObjectRenderers.Replace<LinkInlineRenderer>(new LibraryImageRenderer(photos));
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }
}
