using Blog.Web.Posts;

namespace Blog.Web.Tests.Posts;

public sealed class SlugTests
{
    [Theory]
    [InlineData("Hello, World!", "hello-world")]
    [InlineData("  Crème brûlée à Paris  ", "creme-brulee-a-paris")]
    [InlineData("Straße & Smørrebrød", "strasse-and-smorrebrod")]
    [InlineData("Don't panic", "dont-panic")]
    [InlineData("Łódź — Kraków", "lodz-krakow")]
    [InlineData("東京の朝", "東京の朝")]
    [InlineData("Москва зимой", "москва-зимой")]
    [InlineData("नमस्ते दुनिया", "नमस्ते-दुनिया")]
    [InlineData("2026: a year", "2026-a-year")]
    [InlineData("---", "")]
    [InlineData("", "")]
    public void Makes_readable_url_text(string title, string expected)
    {
        Assert.Equal(expected, Slug.From(title));
    }

    [Fact]
    public void Cuts_long_titles_at_a_word_boundary()
    {
        var slug = Slug.From(string.Join(' ', Enumerable.Repeat("photograph", 20)));

        Assert.True(slug.Length <= Slug.MaxLength);
        Assert.EndsWith("photograph", slug, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hello-world", true)]
    [InlineData("Hello-World", false)]
    [InlineData("hello world", false)]
    [InlineData("../etc", false)]
    [InlineData("", false)]
    public void Tells_a_valid_slug(string slug, bool valid)
    {
        Assert.Equal(valid, Slug.IsValid(slug));
    }
}
