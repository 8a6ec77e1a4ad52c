using System.Text.Json;
using AngleSharp.Dom;
using Blog.Web.Tests.Infrastructure;

namespace Blog.Web.Tests.Seo;

public sealed class RichPreviewTests : IDisposable
{
    private readonly BlogFactory app = new();

    public void Dispose() => app.Dispose();

    private static string Meta(IDocument page, string key) =>
        page.QuerySelector($"meta[property='{key}'], meta[name='{key}']")?.GetAttribute("content")
        ?? throw new Xunit.Sdk.XunitException($"no meta {key} in\n{page.Head!.InnerHtml}");

    private static JsonElement JsonLd(IDocument page)
    {
        var scripts = page.QuerySelectorAll("script[type='application/ld+json']");
        Assert.Single(scripts);
        return JsonDocument.Parse(scripts[0].TextContent).RootElement;
    }

    [Fact]
    public async Task A_post_has_canonical_description_open_graph_twitter_and_blog_posting_json_ld()
    {
        await app.UpdateSettingsAsync(s => { s.BaseUrl = "https://blog.example.com"; s.BlogTitle = "Field Notes"; s.AuthorName = "Mara"; });
        var post = await app.AddPostAsync("Fog over the bay", app.UtcNow.AddDays(-1), excerpt: "Early light.", tags: ["Sea"]);
        await app.WithDbAsync(async db =>
        {
            var tracked = db.Attach(post).Entity;
            tracked.CoverImageUrl = "/media/fog.jpg";
            tracked.CoverImageAlt = "Fog";
            await db.SaveChangesAsync();
        });

        var page = await app.CreateReader().GetDocumentAsync("/blog/fog-over-the-bay");
        var json = JsonLd(page);

        Assert.Equal("https://blog.example.com/blog/fog-over-the-bay", page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal("Early light.", Meta(page, "description"));
        Assert.Equal("Fog over the bay", Meta(page, "og:title"));
        Assert.Equal("Early light.", Meta(page, "og:description"));
        Assert.Equal("article", Meta(page, "og:type"));
        Assert.Equal("https://blog.example.com/blog/fog-over-the-bay", Meta(page, "og:url"));
        Assert.Equal("Field Notes", Meta(page, "og:site_name"));
        Assert.Equal("https://blog.example.com/media/fog.jpg", Meta(page, "og:image"));
        Assert.Equal("summary_large_image", Meta(page, "twitter:card"));
        Assert.Equal("https://blog.example.com/media/fog.jpg", Meta(page, "twitter:image"));

        Assert.Equal("https://schema.org", json.GetProperty("@context").GetString());
        Assert.Equal("BlogPosting", json.GetProperty("@type").GetString());
        Assert.Equal("Fog over the bay", json.GetProperty("headline").GetString());
        Assert.Equal("Person", json.GetProperty("author").GetProperty("@type").GetString());
        Assert.Equal("Mara", json.GetProperty("author").GetProperty("name").GetString());
        Assert.Equal("2026-05-31T12:00:00Z", json.GetProperty("datePublished").GetString());
        Assert.Equal("2026-06-01T12:00:00Z", json.GetProperty("dateModified").GetString());
        Assert.Equal("https://blog.example.com/media/fog.jpg", json.GetProperty("image").GetString());
        Assert.Equal("https://blog.example.com/blog/fog-over-the-bay", json.GetProperty("mainEntityOfPage").GetProperty("@id").GetString());
    }

    [Fact]
    public async Task The_home_page_describes_the_web_site_with_a_search_action()
    {
        await app.UpdateSettingsAsync(s => { s.BlogTitle = "Field Notes"; s.Tagline = "From the coast"; });

        var page = await app.CreateReader().GetDocumentAsync("/");
        var json = JsonLd(page);
        var action = json.GetProperty("potentialAction");

        Assert.Equal("http://localhost/", page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal("website", Meta(page, "og:type"));
        Assert.Equal("From the coast", Meta(page, "og:description"));
        Assert.Equal("summary", Meta(page, "twitter:card"));
        Assert.Equal("WebSite", json.GetProperty("@type").GetString());
        Assert.Equal("Field Notes", json.GetProperty("name").GetString());
        Assert.Equal("SearchAction", action.GetProperty("@type").GetString());
        Assert.Equal("http://localhost/search?q={search_term_string}", action.GetProperty("target").GetProperty("urlTemplate").GetString());
        Assert.Equal("required name=search_term_string", action.GetProperty("query-input").GetString());
    }

    [Theory]
    [InlineData("/about", "WebPage", "About", "http://localhost/about")]
    [InlineData("/blog/tag/sea", "CollectionPage", "Posts tagged “Sea”", "http://localhost/blog/tag/sea")]
    [InlineData("/blog/category/walks", "CollectionPage", "Walks", "http://localhost/blog/category/walks")]
    public async Task Pages_tags_and_categories_have_previews_and_json_ld(string url, string type, string title, string canonical)
    {
        await app.AddPostAsync("A walk", tags: ["Sea"], category: "Walks");
        await app.AddStaticPageAsync("About", body: "I write and photograph.");

        var page = await app.CreateReader().GetDocumentAsync(url);
        var json = JsonLd(page);

        Assert.Equal(canonical, page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal(title, Meta(page, "og:title"));
        Assert.NotEmpty(Meta(page, "description"));
        Assert.Equal(type, json.GetProperty("@type").GetString());
        Assert.Equal(title, json.GetProperty("name").GetString());
        Assert.Equal(canonical, json.GetProperty("url").GetString());
    }

    [Fact]
    public async Task A_title_with_a_closing_script_tag_cannot_break_out_of_the_json_ld()
    {
        await app.AddPostAsync("Break </script><script>alert(1)</script> out", excerpt: "</script> & <b>");

        var html = await app.CreateReader().GetStringAsync("/blog/break-script-script-alert-1-script-out");
        var page = Html.Parse(html);
        var json = JsonLd(page);

        Assert.Equal("Break </script><script>alert(1)</script> out", json.GetProperty("headline").GetString());
        Assert.Equal("</script> & <b>", json.GetProperty("description").GetString());
        // The title cannot open a script of its own: every script is the JSON-LD block or one of the site's modules.
        Assert.All(page.QuerySelectorAll("script"), s =>
            Assert.True(s.GetAttribute("type") == "application/ld+json" || (s.GetAttribute("src") ?? "").StartsWith('/'), s.OuterHtml));
        var at = html.IndexOf("application/ld+json", StringComparison.Ordinal);
        Assert.True(at >= 0, html[..Math.Min(html.Length, 4000)]);
        var script = html[at..];
        script = script[..script.IndexOf("</script>", StringComparison.Ordinal)];
        Assert.DoesNotContain("<", script[(script.IndexOf('>', StringComparison.Ordinal) + 1)..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_not_found_page_has_no_canonical_address()
    {
        var page = await app.CreateReader().GetDocumentAsync("/no-such-page", HttpStatusCodeExpectation.Any);

        Assert.Null(page.QuerySelector("link[rel=canonical]"));
    }
}
