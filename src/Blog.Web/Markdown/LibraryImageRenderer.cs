using System.Globalization;
using Blog.Web.Media;
using Markdig.Renderers;
using Markdig.Renderers.Html.Inlines;
using Markdig.Syntax.Inlines;

namespace Blog.Web.Markdown;

/// <summary>
/// Renders a Markdown image that points at a library photo as a &lt;picture&gt;: WebP and JPEG at every width made,
/// with sizes for the text column, its real width and height (no layout shift), and lazy loading for all but the
/// first photo (which is likely on screen at once). Other images render as Markdig renders them.
/// </summary>
internal sealed class LibraryImageRenderer(LibraryImages images) : LinkInlineRenderer
{
    private bool seenFirst;

    protected override void Write(HtmlRenderer renderer, LinkInline link)
    {
        var image = link.IsImage ? images.Find(link.GetDynamicUrl?.Invoke() ?? link.Url) : null;
        if (image is null)
        {
            base.Write(renderer, link);
            return;
        }

        var width = image.FallbackWidthValue;
        var height = image.HeightAt(width);
        renderer.Write("<picture><source type=\"image/webp\" srcset=\"").WriteEscape(image.SrcSet("webp"))
            .Write("\" sizes=\"").Write(ResponsiveImage.BodySizes).Write("\" />");
        renderer.Write("<img src=\"").WriteEscapeUrl(image.FallbackUrl)
            .Write("\" srcset=\"").WriteEscape(image.SrcSet("jpg"))
            .Write("\" sizes=\"").Write(ResponsiveImage.BodySizes)
            .Write("\" width=\"").Write(width.ToString(CultureInfo.InvariantCulture))
            .Write("\" height=\"").Write(height.ToString(CultureInfo.InvariantCulture))
            .Write("\" alt=\"");
        if (link.FirstChild is null)
        {
            renderer.WriteEscape(image.Alt ?? ""); // ![](url): the library's description stands in
        }
        else
        {
            // As Markdig writes alt: the description's text, without its formatting.
            var htmlForInline = renderer.EnableHtmlForInline;
            renderer.EnableHtmlForInline = false;
            renderer.WriteChildren(link);
            renderer.EnableHtmlForInline = htmlForInline;
        }

        renderer.Write('"');
        if (!string.IsNullOrEmpty(link.Title))
        {
            renderer.Write(" title=\"").WriteEscape(link.Title).Write('"');
        }

        renderer.Write(seenFirst ? " loading=\"lazy\"" : "").Write(" decoding=\"async\" /></picture>");
        seenFirst = true;
    }
}
