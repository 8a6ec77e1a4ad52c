using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Blog.Web.Components;

/// <summary>
/// <c>&lt;static-component type="typeof(PostList)" param-Posts="…" /&gt;</c>: a Razor component rendered into the page
/// by the <see cref="StaticComponentRenderer"/>, with parameters written as the framework's <c>&lt;component&gt;</c> takes them.
/// <para>
/// <c>kept-with="Model.Related"</c> keeps the HTML with that object, for as long as it lives: a read the read cache
/// holds (a post's related posts, its neighbours) is then rendered once, not on every request that shows it. The site's
/// components are pure (what they write depends on their parameters alone), so the kept HTML is reused only while every
/// parameter equals the one it was rendered with; anything else renders afresh and replaces it.
/// </para>
/// </summary>
[HtmlTargetElement("static-component", Attributes = "type", TagStructure = TagStructure.WithoutEndTag)]
public sealed class StaticComponentTagHelper(StaticComponentRenderer renderer) : TagHelper
{
    private static readonly ConditionalWeakTable<object, ConcurrentDictionary<Type, Rendered>> Kept = [];

    [HtmlAttributeName("type")]
    public Type ComponentType { get; set; } = default!;

    [HtmlAttributeName(DictionaryAttributePrefix = "param-")]
    public IDictionary<string, object?> Parameters { get; set; } = new Dictionary<string, object?>(StringComparer.Ordinal);

    /// <summary>The object the rendered HTML is kept with (and dies with); nothing is kept when null.</summary>
    [HtmlAttributeName("kept-with")]
    public object? KeptWith { get; set; }

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = null;
        output.Content.SetHtmlContent(await RenderAsync());
    }

    private async Task<string> RenderAsync()
    {
        if (KeptWith is null)
        {
            return await renderer.RenderAsync(ComponentType, Parameters);
        }

        var kept = Kept.GetOrCreateValue(KeptWith);
        if (kept.TryGetValue(ComponentType, out var rendered) && rendered.IsFor(Parameters))
        {
            return rendered.Html;
        }

        var html = await renderer.RenderAsync(ComponentType, Parameters);
        kept[ComponentType] = new Rendered([.. Parameters], html);
        return html;
    }

    /// <summary>HTML and the parameters it was rendered with.</summary>
    private sealed record Rendered(KeyValuePair<string, object?>[] With, string Html)
    {
        public bool IsFor(IDictionary<string, object?> parameters) =>
            parameters.Count == With.Length
            && With.All(p => parameters.TryGetValue(p.Key, out var value) && Equals(value, p.Value));
    }
}
