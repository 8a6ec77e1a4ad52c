using Blog.Web.Components;
using Blog.Web.Posts;
using Blog.Web.Tests.Infrastructure;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Blog.Web.Tests.Components;

/// <summary>The kept renderers the public pages render their components with: the same HTML as a renderer of its own, at any concurrency.</summary>
public sealed class StaticComponentRendererTests : BunitContext
{
    private readonly StaticComponentRenderer renderer = new(
        new ServiceCollection().BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true })
            .GetRequiredService<IServiceScopeFactory>(),
        NullLoggerFactory.Instance);

    protected override void Dispose(bool disposing)
    {
        renderer.Dispose();
        base.Dispose(disposing);
    }

    private static Dictionary<string, object?> TagsParameter(params TermLink[] tags) => new() { [nameof(TagList.Tags)] = (IReadOnlyList<TermLink>)tags };

    [Fact]
    public async Task Renders_the_same_markup_as_a_component_rendered_on_its_own()
    {
        TermLink[] tags = [new("Film", "film"), new("Street & light", "street-light")];

        var html = await renderer.RenderAsync(typeof(TagList), TagsParameter(tags));
        var alone = Render<TagList>(p => p.Add(c => c.Tags, tags));

        alone.MarkupMatches(html);
        Assert.Contains("Street &amp; light", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Renders_nested_components_and_lets_each_tree_go_after_writing_it()
    {
        var dates = Blog.Web.Settings.BlogDates.For(new Blog.Web.Settings.SiteSettings());
        PostSummary[] posts = [new("Harbour", "harbour", null, "Opening words", null, null, 600, new DateTime(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc), null)];

        var first = await renderer.RenderAsync(typeof(RelatedPosts), new Dictionary<string, object?> { ["Posts"] = posts, ["Dates"] = dates });
        var second = await renderer.RenderAsync(typeof(RelatedPosts), new Dictionary<string, object?> { ["Posts"] = posts, ["Dates"] = dates });

        Assert.Contains("href=\"/blog/harbour\"", first, StringComparison.Ordinal);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Renders_concurrently_without_mixing_one_page_into_another()
    {
        var renders = Enumerable.Range(0, 200).Select(i => Task.Run(() => renderer.RenderAsync(typeof(TagList), TagsParameter(new TermLink($"Tag {i}", $"tag-{i}")))));

        var html = await Task.WhenAll(renders);

        for (var i = 0; i < html.Length; i++)
        {
            Assert.Contains($"/blog/tag/tag-{i}\"", html[i], StringComparison.Ordinal);
            Assert.Single(Html.Parse(html[i]).QuerySelectorAll("a"));
        }
    }

    [Fact]
    public async Task A_component_that_renders_asynchronously_is_refused_with_its_name()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => renderer.RenderAsync(typeof(WaitsForData), new Dictionary<string, object?>()));

        Assert.Contains(nameof(WaitsForData), error.Message, StringComparison.Ordinal);
        Assert.Contains("tag-1", await renderer.RenderAsync(typeof(TagList), TagsParameter(new TermLink("One", "tag-1"))), StringComparison.Ordinal);
    }

    private sealed class WaitsForData : ComponentBase
    {
        protected override Task OnInitializedAsync() => Task.Delay(50);
    }
}
