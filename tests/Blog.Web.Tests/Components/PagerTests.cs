using Blog.Web.Components;
using Bunit;

namespace Blog.Web.Tests.Components;

public sealed class PagerTests : BunitContext
{
    private static string Url(int page) => page == 1 ? "/" : $"/page/{page}";

    [Fact]
    public void Renders_nothing_for_a_single_page()
    {
        var pager = Render<Pager>(p => p.Add(c => c.PageNumber, 1).Add(c => c.PageCount, 1).Add(c => c.PageUrl, Url));

        Assert.Equal("", pager.Markup.Trim());
    }

    [Fact]
    public void First_page_links_only_to_older_posts()
    {
        var pager = Render<Pager>(p => p.Add(c => c.PageNumber, 1).Add(c => c.PageCount, 3).Add(c => c.PageUrl, Url));

        Assert.Empty(pager.FindAll("a[rel=prev]"));
        Assert.Equal("/page/2", pager.Find("a[rel=next]").GetAttribute("href"));
        Assert.Equal("Page 1 of 3", pager.Find(".pager__position").TextContent);
    }

    [Fact]
    public void Middle_page_links_both_ways_and_last_page_only_back()
    {
        var middle = Render<Pager>(p => p.Add(c => c.PageNumber, 2).Add(c => c.PageCount, 3).Add(c => c.PageUrl, Url));
        var last = Render<Pager>(p => p.Add(c => c.PageNumber, 3).Add(c => c.PageCount, 3).Add(c => c.PageUrl, Url));

        Assert.Equal("/", middle.Find("a[rel=prev]").GetAttribute("href"));
        Assert.Equal("/page/3", middle.Find("a[rel=next]").GetAttribute("href"));
        Assert.Equal("/page/2", last.Find("a[rel=prev]").GetAttribute("href"));
        Assert.Empty(last.FindAll("a[rel=next]"));
    }
}
