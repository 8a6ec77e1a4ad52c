using Blog.Web.Markdown;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Caching.Memory;

namespace Blog.Web.Tests.Markdown;

public sealed class MarkdownTagHelperTests
{
    [Fact]
    public async Task Renders_the_markdown_attribute_sanitized_without_its_own_element()
    {
        var output = await RunAsync(new() { Markdown = "Hello **world** <script>x()</script>" }, childContent: "");

        Assert.Null(output.TagName);
        Assert.Equal("<p>Hello <strong>world</strong> </p>\n", output.Content.GetContent());
    }

    [Fact]
    public async Task Renders_indented_child_content_as_markdown_not_as_a_code_block()
    {
        var output = await RunAsync(new(), childContent: "\n        ## Hi\n\n        - one\n        - two\n    ");

        var html = output.Content.GetContent();
        Assert.StartsWith("<h2 id=\"hi\">Hi", html, StringComparison.Ordinal);
        Assert.Contains("<li>two</li>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<pre>", html, StringComparison.Ordinal);
    }

    private static async Task<TagHelperOutput> RunAsync(MarkdownTagHelperInput input, string childContent)
    {
        using var cache = new MemoryCache(new MemoryCacheOptions());
        var helper = new MarkdownTagHelper(new MarkdownRenderer(), cache) { Markdown = input.Markdown };
        var context = new TagHelperContext([], new Dictionary<object, object>(), "id");
        var output = new TagHelperOutput("markdown", [], (_, _) =>
            Task.FromResult<TagHelperContent>(new DefaultTagHelperContent().SetHtmlContent(childContent)));
        await helper.ProcessAsync(context, output);
        return output;
    }

    private sealed record MarkdownTagHelperInput(string? Markdown = null);
}
