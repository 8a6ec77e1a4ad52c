using Blog.Web.Components;
using Blog.Web.Posts;
using Bunit;

namespace Blog.Web.Tests.Components;

public sealed class PreviousNextTests : BunitContext
{
    [Fact]
    public void Shows_both_neighbours_with_their_titles()
    {
        var nav = Render<PreviousNext>(p => p
            .Add(c => c.Previous, new PostLink("Older one", "older-one"))
            .Add(c => c.Next, new PostLink("Newer one", "newer-one")));

        Assert.Equal("/blog/older-one", nav.Find("a[rel=prev]").GetAttribute("href"));
        Assert.Equal("Older one", nav.Find("a[rel=prev] .prev-next__title").TextContent);
        Assert.Equal("Newer one", nav.Find("a[rel=next] .prev-next__title").TextContent);
    }

    [Fact]
    public void At_the_newest_post_only_previous_is_shown()
    {
        var nav = Render<PreviousNext>(p => p.Add(c => c.Previous, new PostLink("Older one", "older-one")));

        Assert.Single(nav.FindAll("a"));
        Assert.Empty(nav.FindAll("a[rel=next]"));
    }

    [Fact]
    public void Without_neighbours_nothing_is_rendered()
    {
        var nav = Render<PreviousNext>();

        Assert.Equal("", nav.Markup.Trim());
    }

    [Fact]
    public void Slugs_in_other_scripts_are_escaped_in_the_address()
    {
        var nav = Render<PreviousNext>(p => p.Add(c => c.Next, new PostLink("Москва", "москва")));

        Assert.Equal("/blog/%D0%BC%D0%BE%D1%81%D0%BA%D0%B2%D0%B0", nav.Find("a").GetAttribute("href"));
    }
}
