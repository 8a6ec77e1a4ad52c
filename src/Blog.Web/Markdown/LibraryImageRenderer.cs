using Blog.Web.Media;
using Markdig.Renderers;
using Markdig.Renderers.Html.Inlines;
using Markdig.Syntax.Inlines;

namespace Blog.Web.Markdown;

/// <summary>
/// Renders a Markdown image that points at a library photo, where it is not a photo block of its own (inside a list,
/// a quote or a line of text), as a &lt;picture&gt;: WebP and JPEG at every width made, with sizes for the text
/// column, its real width and height (no layout shift), and lazy loading for all but the first photo (which is likely
/// on screen at once). Other images render as Markdig renders them. Photo blocks: <see cref="PhotoParagraphRenderer"/>.
/// </summary>
internal sealed class LibraryImageRenderer(PhotoContext context) : LinkInlineRenderer
{
    protected override void Write(HtmlRenderer renderer, LinkInline link)
    {
        var image = link.IsImage ? context.Images.Find(link.GetDynamicUrl?.Invoke() ?? link.Url) : null;
        if (image is null)
        {
            base.Write(renderer, link);
            return;
        }

        PictureWriter.Write(renderer, link, image, ResponsiveImage.BodySizes, lazy: context.SeenFirst, withTitle: true);
        context.SeenFirst = true;
    }
}
