using Blog.Web.Components;
using Blog.Web.Posts;
using Blog.Web.Settings;
using Bunit;

namespace Blog.Web.Tests.Components;

public sealed class RelatedPostsTests : BunitContext
{
    [Fact]
    public void Lists_the_posts_as_cards_under_a_more_to_read_heading()
    {
        var section = Render<RelatedPosts>(p => p
            .Add(c => c.Posts, [PostCardTests.Summary("Fog"), PostCardTests.Summary("Rain")])
            .Add(c => c.Dates, BlogDates.Utc));

        Assert.Equal("More to read", section.Find("section.related-posts > h2").TextContent);
        Assert.Equal("related-posts-title", section.Find("section").GetAttribute("aria-labelledby"));
        Assert.Equal(["Fog", "Rain"], section.FindAll("ul > li .post-card__title").Select(h => h.TextContent));
    }

    [Fact]
    public void Renders_nothing_without_posts()
    {
        var section = Render<RelatedPosts>(p => p
            .Add(c => c.Posts, Array.Empty<PostSummary>())
            .Add(c => c.Dates, BlogDates.Utc));

        Assert.Equal("", section.Markup.Trim());
    }
}
