using Blog.Web.Markdown;
using Blog.Web.Tests.Infrastructure;

namespace Blog.Web.Tests.Markdown;

public sealed class MarkdownRendererTests
{
    private readonly MarkdownRenderer renderer = new();

    [Fact]
    public void Renders_the_extensions_an_author_expects()
    {
        var html = renderer.Render("""
            ## A heading

            | a | b |
            |---|--:|
            | 1 | 2 |

            - [x] done
            - [ ] to do

            Text with a note.[^1] See https://example.com -- "quoted"

            ^^^
            ![A hill](/hill.jpg)
            ^^^ The hill at dawn

            [^1]: The note.
            """).Html;
        var document = Html.Parse(html);

        Assert.Equal("a-heading", document.QuerySelector("h2")!.Id);
        Assert.Equal("#a-heading", document.QuerySelector("h2 a.heading-anchor")!.GetAttribute("href"));
        Assert.NotNull(document.QuerySelector("table th"));
        Assert.Equal("text-align: right", document.QuerySelectorAll("td")[1].GetAttribute("style"));
        Assert.Equal(2, document.QuerySelectorAll("input[type=checkbox][disabled]").Length);
        Assert.NotNull(document.QuerySelector("a.footnote-ref"));
        Assert.NotNull(document.QuerySelector(".footnotes li"));
        Assert.Equal("https://example.com", document.QuerySelector("p a[href^='https://example.com']")!.GetAttribute("href"));
        Assert.Contains("–", html, StringComparison.Ordinal); // smart typography: en dash
        Assert.Contains("“quoted”", html, StringComparison.Ordinal);
        Assert.Equal("The hill at dawn", document.QuerySelector("figure figcaption")!.TextContent.Trim());
        Assert.Equal("A hill", document.QuerySelector("figure img")!.GetAttribute("alt"));
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("[x](javascript:alert(1))")]
    [InlineData("<a href=\"JaVaScRiPt:alert(1)\">x</a>")]
    [InlineData("<svg onload=alert(1)></svg>")]
    [InlineData("<iframe src=\"https://evil.example\"></iframe>")]
    [InlineData("<form action=\"https://evil.example\"><input name=password></form>")]
    [InlineData("<div style=\"background:url(javascript:alert(1))\">x</div>")]
    [InlineData("<object data=\"x.swf\"></object>")]
    public void Sanitizes_anything_that_could_run_script_or_steal_input(string markdown)
    {
        var html = renderer.Render(markdown).Html;

        Assert.DoesNotContain("javascript", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<form", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<object", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onload", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Keeps_safe_raw_html_an_author_might_write()
    {
        var html = renderer.Render("<mark>highlighted</mark> and <details><summary>More</summary>Hidden text</details>").Html;

        Assert.Contains("<mark>highlighted</mark>", html, StringComparison.Ordinal);
        Assert.Contains("<summary>More</summary>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_text_and_word_count_ignore_markup_and_heading_anchors()
    {
        var rendered = renderer.Render("# Title\n\nOne **two** three's [four](https://x.example).\n\n- five\n- six");

        Assert.Equal("Title One two three's four. five six", rendered.PlainText);
        Assert.Equal(7, rendered.WordCount);
    }

    [Fact]
    public void Empty_markdown_renders_to_nothing()
    {
        Assert.Equal(new RenderedMarkdown("", "", 0), renderer.Render("   "));
    }
}
