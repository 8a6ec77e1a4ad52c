using System.Globalization;
using System.Net;
using System.Xml.Linq;
using Blog.Web.Tests.Infrastructure;

namespace Blog.Web.Tests.Seo;

public sealed class SitemapAndRobotsTests : IDisposable
{
    private static readonly XNamespace Ns = "http://www.sitemaps.org/schemas/sitemap/0.9";

    private static readonly string[] UrlChildren = ["loc", "lastmod", "changefreq", "priority"];

    private readonly BlogFactory app = new();

    public void Dispose() => app.Dispose();

    private async Task<(XDocument Xml, string Raw)> LoadSitemapAsync()
    {
        using var response = await app.CreateReader().GetAsync("/sitemap.xml");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType!.MediaType);
        var raw = await response.Content.ReadAsStringAsync();
        return (XDocument.Parse(raw), raw);
    }

    [Fact]
    public async Task The_sitemap_lists_every_visible_post_page_tag_and_category_and_nothing_hidden()
    {
        await app.AddPostAsync("Visible", app.UtcNow.AddDays(-1), category: "Walks", tags: ["Sea"]);
        await app.AddPostAsync("A draft", draft: true, tags: ["Secret"], category: "Hidden");
        await app.AddPostAsync("Scheduled", app.UtcNow.AddDays(2), tags: ["Future"]);
        await app.AddStaticPageAsync("About");
        await app.AddStaticPageAsync("Unfinished", draft: true);

        var (xml, _) = await LoadSitemapAsync();
        var paths = xml.Root!.Elements(Ns + "url").Select(u => new Uri(u.Element(Ns + "loc")!.Value).AbsolutePath).ToList();

        Assert.Equal(["/", "/blog/visible", "/about", "/blog/tag/sea", "/blog/category/walks"], paths);
    }

    [Fact]
    public async Task The_sitemap_follows_the_sitemaps_org_rules()
    {
        await app.UpdateSettingsAsync(s => s.BaseUrl = "https://blog.example.com");
        await app.AddPostAsync("Fish & chips <at> Brighton", category: "Food & drink", tags: ["東京"]);
        await app.AddStaticPageAsync("About");

        var (xml, raw) = await LoadSitemapAsync();
        var urls = xml.Root!.Elements().ToList();

        Assert.Equal(Ns + "urlset", xml.Root.Name);
        Assert.InRange(urls.Count, 1, 49_999);
        Assert.All(urls, url =>
        {
            Assert.Equal(Ns + "url", url.Name);
            var loc = url.Element(Ns + "loc")!.Value;
            Assert.True(Uri.TryCreate(loc, UriKind.Absolute, out var uri) && uri.Scheme == "https", loc);
            Assert.StartsWith("https://blog.example.com/", loc, StringComparison.Ordinal);
            Assert.True(loc.Length < 2048);
            Assert.DoesNotContain(' ', loc);
            var lastmod = url.Element(Ns + "lastmod")!.Value;
            Assert.True(DateTimeOffset.TryParseExact(lastmod, "yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture, DateTimeStyles.None, out _), lastmod);
            Assert.All(url.Elements(), e => Assert.Contains(e.Name.LocalName, UrlChildren));
        });
        Assert.Contains("https://blog.example.com/blog/category/food-and-drink", raw, StringComparison.Ordinal);
        Assert.Contains("https://blog.example.com/blog/tag/%E6%9D%B1%E4%BA%AC", raw, StringComparison.Ordinal);
        Assert.Contains($"<lastmod>{app.UtcNow:yyyy-MM-dd'T'HH:mm:ss'Z'}</lastmod>", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_the_dashboard()
    {
        await app.UpdateSettingsAsync(s => s.BaseUrl = "https://blog.example.com/");

        using var response = await app.CreateReader().GetAsync("/robots.txt");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("User-agent: *\nDisallow: /admin\n\nSitemap: https://blog.example.com/sitemap.xml\n", text);
    }

    [Fact]
    public async Task Without_a_base_url_addresses_use_the_request_host()
    {
        var text = await app.CreateReader().GetStringAsync("/robots.txt");

        Assert.Contains("Sitemap: http://localhost/sitemap.xml", text, StringComparison.Ordinal);
    }
}
