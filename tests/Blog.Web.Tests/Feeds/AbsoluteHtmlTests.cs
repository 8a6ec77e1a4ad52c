using Blog.Web.Feeds;
using Blog.Web.Seo;

namespace Blog.Web.Tests.Feeds;

public sealed class AbsoluteHtmlTests
{
    private static readonly SiteAddress Address = new("https://blog.example.com/");

    [Theory]
    [InlineData("<img src=\"/a.jpg\" alt=\"A\">", "<img src=\"https://blog.example.com/a.jpg\" alt=\"A\">")]
    [InlineData("<img srcset=\"/a.jpg 1x, /b.jpg 2x\">", "<img srcset=\"https://blog.example.com/a.jpg 1x, https://blog.example.com/b.jpg 2x\">")]
    [InlineData("<a href=\"//cdn.example/x\">x</a>", "<a href=\"//cdn.example/x\">x</a>")]
    [InlineData("<a href=\"https://x.example/\">x</a>", "<a href=\"https://x.example/\">x</a>")]
    [InlineData("<a href=\"#fn1\">1</a>", "<a href=\"https://blog.example.com/blog/p#fn1\">1</a>")]
    [InlineData("<video poster=\"/p.jpg\"></video>", "<video poster=\"https://blog.example.com/p.jpg\"></video>")]
    [InlineData("<p>src=\"/not-an-attribute\" &amp; text</p>", "<p>src=\"/not-an-attribute\" &amp; text</p>")]
    public void Rewrites_site_relative_addresses_only(string html, string expected) =>
        Assert.Equal(expected, AbsoluteHtml.Rewrite(html, Address, "https://blog.example.com/blog/p"));
}
