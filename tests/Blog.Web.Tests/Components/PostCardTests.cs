using Blog.Web.Components;
using Blog.Web.Posts;
using Blog.Web.Settings;
using Bunit;

namespace Blog.Web.Tests.Components;

public sealed class PostCardTests : BunitContext
{
    private static readonly BlogDates Paris = new(TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"), System.Globalization.CultureInfo.GetCultureInfo("en"));

    internal static PostSummary Summary(string title = "Fog over the bay", string? excerpt = "Early light.", string? cover = null, TermLink? category = null) =>
        new(title, Slug.From(title), excerpt, "Opening words of the body", cover, null, 700, new DateTime(2026, 3, 1, 23, 30, 0, DateTimeKind.Utc), category);

    [Fact]
    public void Shows_title_link_date_in_blog_time_reading_time_and_excerpt()
    {
        var card = Render<PostCard>(p => p
            .Add(c => c.Post, Summary(category: new TermLink("Walks", "walks")))
            .Add(c => c.Dates, Paris));

        card.Find("h2 a").MarkupMatches("<a href=\"/blog/fog-over-the-bay\">Fog over the bay</a>");
        Assert.Equal("2 March 2026", card.Find("time").TextContent);
        Assert.Equal("2026-03-02T00:30:00+01:00", card.Find("time").GetAttribute("datetime"));
        Assert.Contains("4 min read", card.Markup, StringComparison.Ordinal);
        Assert.Equal("/blog/category/walks", card.Find(".post-meta__category").GetAttribute("href"));
        Assert.Equal("Early light.", card.Find(".post-card__excerpt").TextContent);
        Assert.Empty(card.FindAll("img"));
    }

    [Fact]
    public void Falls_back_to_the_opening_of_the_body_and_shows_the_cover()
    {
        var card = Render<PostCard>(p => p
            .Add(c => c.Post, Summary(excerpt: null, cover: "/media/1/cover.jpg"))
            .Add(c => c.Dates, Paris));

        Assert.Equal("Opening words of the body", card.Find(".post-card__excerpt").TextContent);
        Assert.Equal("/media/1/cover.jpg", card.Find("img").GetAttribute("src"));
        Assert.Equal("lazy", card.Find("img").GetAttribute("loading"));
        Assert.Null(card.Find(".post-card__title").QuerySelector(".post-meta__category"));
    }

    [Fact]
    public void Escapes_what_the_author_typed()
    {
        var card = Render<PostCard>(p => p
            .Add(c => c.Post, Summary(title: "<b>Bold</b> & \"quoted\"", excerpt: "<script>x</script>"))
            .Add(c => c.Dates, Paris));

        Assert.DoesNotContain("<script>", card.Markup, StringComparison.Ordinal);
        Assert.Equal("<b>Bold</b> & \"quoted\"", card.Find("h2 a").TextContent);
    }
}
