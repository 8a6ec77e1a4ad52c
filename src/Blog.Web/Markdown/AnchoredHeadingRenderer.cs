using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace Blog.Web.Markdown;

/// <summary>Renders headings with a self-link, so a reader can share a link to any section of a long post.</summary>
internal sealed class AnchoredHeadingRenderer : HtmlObjectRenderer<HeadingBlock>
{
    private static readonly string[] Tags = ["h1", "h2", "h3", "h4", "h5", "h6"];

    protected override void Write(HtmlRenderer renderer, HeadingBlock heading)
    {
        var tag = Tags[Math.Clamp(heading.Level, 1, 6) - 1];
        var id = heading.GetAttributes().Id;

        renderer.Write('<').Write(tag).WriteAttributes(heading).Write('>');
        renderer.WriteLeafInline(heading);
        if (!string.IsNullOrEmpty(id))
        {
            renderer.Write(" <a class=\"heading-anchor\" href=\"#").WriteEscapeUrl(id).Write("\" aria-label=\"Link to this section\">#</a>");
        }

        renderer.Write("</").Write(tag).WriteLine(">");
    }
}
