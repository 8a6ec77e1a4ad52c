using Blog.Web.Components;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Blog.Web.Tests.Components;

/// <summary>
/// <c>&lt;static-component kept-with="…"&gt;</c>: a component whose parameters come from a kept read renders once for as
/// long as that read lives, and afresh as soon as any parameter differs.
/// </summary>
public sealed class StaticComponentTagHelperTests : IDisposable
{
    private readonly StaticComponentRenderer renderer = new(
        new ServiceCollection().BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true })
            .GetRequiredService<IServiceScopeFactory>(),
        NullLoggerFactory.Instance);

    public void Dispose() => renderer.Dispose();

    [Fact]
    public async Task Kept_html_is_reused_while_every_parameter_is_the_same()
    {
        var read = new List<string> { "harbour" };
        var counter = new RenderCounter();

        var first = await RenderAsync(read, counter, "Harbour");
        var second = await RenderAsync(read, counter, "Harbour");

        Assert.Equal("<p>Harbour</p>", first);
        Assert.Equal(first, second);
        Assert.Equal(1, counter.Renders);
    }

    [Fact]
    public async Task A_changed_parameter_renders_afresh_and_replaces_what_was_kept()
    {
        var read = new List<string> { "harbour" };
        var counter = new RenderCounter();

        await RenderAsync(read, counter, "Harbour");
        var changed = await RenderAsync(read, counter, "Harbour at dusk");
        var again = await RenderAsync(read, counter, "Harbour at dusk");

        Assert.Equal("<p>Harbour at dusk</p>", changed);
        Assert.Equal(changed, again);
        Assert.Equal(2, counter.Renders);
    }

    [Fact]
    public async Task Each_object_keeps_its_own_html_and_nothing_is_kept_without_one()
    {
        var counter = new RenderCounter();

        var one = await RenderAsync(new List<string>(), counter, "One");
        var other = await RenderAsync(new List<string>(), counter, "Other");
        await RenderAsync(null, counter, "One");
        await RenderAsync(null, counter, "One");

        Assert.Equal("<p>One</p>", one);
        Assert.Equal("<p>Other</p>", other);
        Assert.Equal(4, counter.Renders);
    }

    private async Task<string> RenderAsync(object? keptWith, RenderCounter counter, string title)
    {
        var helper = new StaticComponentTagHelper(renderer)
        {
            ComponentType = typeof(Counted),
            KeptWith = keptWith,
            Parameters = new Dictionary<string, object?>(StringComparer.Ordinal) { [nameof(Counted.Title)] = title, [nameof(Counted.Counter)] = counter },
        };
        var context = new TagHelperContext("static-component", [], new Dictionary<object, object>(), "id");
        var output = new TagHelperOutput("static-component", [], (_, _) => Task.FromResult<TagHelperContent>(new DefaultTagHelperContent()));

        await helper.ProcessAsync(context, output);

        Assert.Null(output.TagName);
        return output.Content.GetContent();
    }

    public sealed class RenderCounter
    {
        public int Renders { get; set; }
    }

    private sealed class Counted : ComponentBase
    {
        [Parameter]
        public string Title { get; set; } = "";

        [Parameter]
        public RenderCounter Counter { get; set; } = default!;

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            Counter.Renders++;
            builder.OpenElement(0, "p");
            builder.AddContent(1, Title);
            builder.CloseElement();
        }
    }
}
