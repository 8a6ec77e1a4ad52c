using Blog.Web.Components;
using Blog.Web.Posts;
using Blog.Web.Settings;
using Bunit;

namespace Blog.Web.Tests.Components;

public sealed class PostListTests : BunitContext
{
    [Fact]
    public void Renders_a_card_per_post_and_the_pager()
    {
        var page = new Paged<PostSummary>([PostCardTests.Summary("One"), PostCardTests.Summary("Two")], 1, 2);

        var list = Render<PostList>(p => p
            .Add(c => c.Posts, page)
            .Add(c => c.Dates, BlogDates.Utc)
            .Add(c => c.PageUrl, n => $"/page/{n}"));

        Assert.Equal(["One", "Two"], list.FindAll(".post-card__title").Select(e => e.TextContent));
        Assert.Equal("/page/2", list.Find(".pager a[rel=next]").GetAttribute("href"));
    }

    [Fact]
    public void Says_so_when_there_is_nothing_to_list()
    {
        var list = Render<PostList>(p => p
            .Add(c => c.Posts, new Paged<PostSummary>([], 1, 1))
            .Add(c => c.Dates, BlogDates.Utc)
            .Add(c => c.PageUrl, n => $"/page/{n}")
            .Add(c => c.EmptyMessage, "No posts with this tag."));

        Assert.Equal("No posts with this tag.", list.Find(".empty-state").TextContent);
    }
}
