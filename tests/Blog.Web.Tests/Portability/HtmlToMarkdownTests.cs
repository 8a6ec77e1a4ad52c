using Blog.Web.Portability.Import;

namespace Blog.Web.Tests.Portability;

public sealed class HtmlToMarkdownTests
{
    [Theory]
    [InlineData("<p>One <b>bold</b> and <i>soft</i> word.</p>", "One **bold** and *soft* word.\n")]
    [InlineData("<h2>Title <em>here</em></h2><p>Text</p>", "## Title *here*\n\nText\n")]
    [InlineData("<ol start=\"3\"><li>three</li><li>four<ul><li>nested</li></ul></li></ol>", "3. three\n4. four\n\n   - nested\n")]
    [InlineData("<pre><code>var x = 1 * 2;\nreturn x;</code></pre>", "```\nvar x = 1 * 2;\nreturn x;\n```\n")]
    [InlineData("<p>2 * 3 = 6 and [not a link] and_underscores</p>", "2 \\* 3 = 6 and \\[not a link\\] and\\_underscores\n")]
    [InlineData("<p>Line one<br>line two</p>", "Line one\\\nline two\n")]
    [InlineData("<p>H<sub>2</sub>O is <mark>water</mark></p>", "H<sub>2</sub>O is <mark>water</mark>\n")]
    [InlineData("<!-- wp:paragraph --><p>Kept</p><!-- /wp:paragraph -->", "Kept\n")]
    [InlineData("First paragraph\nsecond line\n\nSecond paragraph", "First paragraph\\\nsecond line\n\nSecond paragraph\n")]
    [InlineData("<p><a href=\"https://example.org/a (b)\">spaced</a> <a href=\"/x\" title=\"T\">t</a></p>", "<a href=\"https://example.org/a (b)\">spaced</a> [t](/x \"T\")\n")]
    [InlineData("<iframe src=\"https://video.example/embed/1\"></iframe>", "<iframe src=\"https://video.example/embed/1\"></iframe>\n")]
    public void Html_becomes_markdown_where_it_converts_cleanly_and_stays_html_where_not(string html, string markdown) =>
        Assert.Equal(markdown, HtmlToMarkdown.Convert(html));
}
