using Blog.Web.Seo;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Blog.Web.Statistics;

/// <summary>
/// <c>&lt;statistics-pixel /&gt;</c>, at the end of the layout's body: on a counted page (statistics on), a stylesheet link
/// to the page's pixel; elsewhere nothing. At the end of the body, so it never holds up the page's own rendering.
/// </summary>
[HtmlTargetElement("statistics-pixel", TagStructure = TagStructure.WithoutEndTag)]
public sealed class StatisticsPixelTagHelper(PendingReads queue) : TagHelper
{
    [HtmlAttributeNotBound]
    [ViewContext]
    public ViewContext ViewContext { get; set; } = default!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var http = ViewContext.HttpContext;
        if (!queue.Enabled || http.GetEndpoint()?.Metadata.GetMetadata<CountedReadAttribute>() is null)
        {
            output.SuppressOutput();
            return;
        }

        output.TagName = "link";
        output.TagMode = TagMode.SelfClosing;
        output.Attributes.SetAttribute("rel", "stylesheet");
        output.Attributes.SetAttribute("href", SitePaths.StatisticsPixel(CountedPath.Token(CountedPath.Normalize(http.Request.Path.Value))));
    }
}
