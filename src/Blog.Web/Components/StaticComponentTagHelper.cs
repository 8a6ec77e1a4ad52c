using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Blog.Web.Components;

/// <summary>
/// <c>&lt;static-component type="typeof(PostList)" param-Posts="…" /&gt;</c>: a Razor component rendered into the page
/// by the <see cref="StaticComponentRenderer"/>, with parameters written as the framework's <c>&lt;component&gt;</c> takes them.
/// </summary>
[HtmlTargetElement("static-component", Attributes = "type", TagStructure = TagStructure.WithoutEndTag)]
public sealed class StaticComponentTagHelper(StaticComponentRenderer renderer) : TagHelper
{
    [HtmlAttributeName("type")]
    public Type ComponentType { get; set; } = default!;

    [HtmlAttributeName(DictionaryAttributePrefix = "param-")]
    public IDictionary<string, object?> Parameters { get; set; } = new Dictionary<string, object?>(StringComparer.Ordinal);

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = null;
        output.Content.SetHtmlContent(await renderer.RenderAsync(ComponentType, Parameters));
    }
}
