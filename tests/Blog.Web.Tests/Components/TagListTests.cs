using Blog.Web.Components;
using Blog.Web.Posts;
using Bunit;

namespace Blog.Web.Tests.Components;

public sealed class TagListTests : BunitContext
{
    [Fact]
    public void Links_each_tag_to_its_page()
    {
        var list = Render<TagList>(p => p.Add(c => c.Tags, [new TermLink("Film", "film"), new TermLink("Street photography", "street-photography")]));

        Assert.Equal(["/blog/tag/film", "/blog/tag/street-photography"], list.FindAll("a[rel=tag]").Select(a => a.GetAttribute("href")));
        Assert.Equal("Street photography", list.FindAll("a")[1].TextContent);
    }

    [Fact]
    public void An_untagged_post_shows_no_list()
    {
        var list = Render<TagList>(p => p.Add(c => c.Tags, []));

        Assert.Empty(list.FindAll("ul"));
    }
}
