using System.Net;
using System.Net.Http.Headers;
using System.ServiceModel.Syndication;
using System.Xml;
using Blog.Web.Tests.Infrastructure;

namespace Blog.Web.Tests.Feeds;

public sealed class FeedTests : IDisposable
{
    private readonly BlogFactory app = new();

    public void Dispose() => app.Dispose();

    private async Task<SyndicationFeed> LoadFeedAsync(string url)
    {
        using var response = await app.CreateReader().GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var stream = await response.Content.ReadAsStreamAsync();
        using var reader = XmlReader.Create(stream);
        return SyndicationFeed.Load(reader);
    }

    private static string Html(SyndicationItem item) =>
        ((TextSyndicationContent?)item.Content ?? item.Summary).Text;

    private async Task AddVisibleAndHiddenPostsAsync()
    {
        await app.AddPostAsync("Older walk", app.UtcNow.AddDays(-2), category: "Walks", tags: ["Sea", "Cliffs"]);
        await app.AddPostAsync("Newest walk", app.UtcNow.AddDays(-1), tags: ["Sea"]);
        await app.AddPostAsync("A draft", draft: true, tags: ["Sea"]);
        await app.AddPostAsync("Scheduled", app.UtcNow.AddDays(3), tags: ["Sea"]);
        var trashed = await app.AddPostAsync("Trashed", app.UtcNow.AddDays(-3), tags: ["Sea"]);
        await app.WithDbAsync(async db =>
        {
            db.Attach(trashed).Entity.MoveToTrash(app.UtcNow);
            await db.SaveChangesAsync();
        });
    }

    [Theory]
    [InlineData("/feed/rss")]
    [InlineData("/feed/atom")]
    public async Task The_blog_feed_parses_and_lists_visible_posts_newest_first_with_links_that_open_the_posts(string url)
    {
        await app.UpdateSettingsAsync(s => { s.BlogTitle = "Field Notes"; s.AuthorName = "Mara"; });
        await AddVisibleAndHiddenPostsAsync();

        var feed = await LoadFeedAsync(url);

        Assert.Equal("Field Notes", feed.Title.Text);
        Assert.Equal(["Newest walk", "Older walk"], feed.Items.Select(i => i.Title.Text));
        foreach (var item in feed.Items)
        {
            var link = item.Links.Single(l => l.RelationshipType is null or "alternate").Uri;
            Assert.True(link.IsAbsoluteUri, $"{link} is not absolute");
            var post = await app.CreateReader().GetDocumentAsync(link.PathAndQuery);
            Assert.Equal(item.Title.Text, post.Text("h1"));
        }

        var older = feed.Items.Last();
        Assert.Equal(new DateTimeOffset(app.UtcNow.AddDays(-2)), older.PublishDate);
        Assert.Equal(["Walks", "Cliffs", "Sea"], older.Categories.Select(c => c.Name));
    }

    [Fact]
    public async Task Atom_entries_name_the_author_and_rss_items_carry_dc_creator()
    {
        await app.UpdateSettingsAsync(s => s.AuthorName = "Mara");
        await app.AddPostAsync("A post");

        var atom = await LoadFeedAsync("/feed/atom");
        var rss = System.Xml.Linq.XDocument.Parse(await app.CreateReader().GetStringAsync("/feed/rss"));

        Assert.Equal("Mara", atom.Items.Single().Authors.Single().Name);
        Assert.Equal("Mara", rss.Descendants(System.Xml.Linq.XName.Get("creator", "http://purl.org/dc/elements/1.1/")).Single().Value);
    }

    [Theory]
    [InlineData("/blog/tag/sea/feed/rss", new[] { "Newest walk", "Older walk" })]
    [InlineData("/blog/tag/cliffs/feed/atom", new[] { "Older walk" })]
    [InlineData("/blog/category/walks/feed/rss", new[] { "Older walk" })]
    public async Task Tag_and_category_feeds_hold_only_their_own_visible_posts(string url, string[] titles)
    {
        await AddVisibleAndHiddenPostsAsync();
        await app.AddPostAsync("Elsewhere", tags: ["Town"], category: "Town");

        var feed = await LoadFeedAsync(url);

        Assert.Equal(titles, feed.Items.Select(i => i.Title.Text));
    }

    [Theory]
    [InlineData("/blog/tag/nope/feed/rss")]
    [InlineData("/blog/category/nope/feed/atom")]
    [InlineData("/feed/json")]
    [InlineData("/blog/tag/sea/feed/xml")]
    public async Task Feeds_of_unknown_tags_categories_or_formats_are_404(string url)
    {
        await app.AddPostAsync("Tagged", tags: ["Sea"]);

        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateReader().GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Site_relative_images_and_links_in_the_content_become_absolute()
    {
        await app.UpdateSettingsAsync(s => s.BaseUrl = "https://blog.example.com");
        await app.AddPostAsync("Pictures", body: "![Boat](/media/boat.jpg) [about](/about) [elsewhere](https://other.example/x) and a note.[^1]\n\n[^1]: The note.");

        var html = Html((await LoadFeedAsync("/feed/atom")).Items.Single());

        Assert.Contains("src=\"https://blog.example.com/media/boat.jpg\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://blog.example.com/about\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://other.example/x\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://blog.example.com/blog/pictures#fn", html, StringComparison.Ordinal);
        Assert.DoesNotContain("\"/media", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/feed/rss")]
    [InlineData("/feed/atom")]
    public async Task With_excerpts_only_the_feed_carries_the_excerpt_and_not_the_body(string url)
    {
        await app.UpdateSettingsAsync(s => s.FeedFullContent = false);
        await app.AddPostAsync("Teaser", body: "The **whole** secret body.", excerpt: "Just a taste.");

        var item = (await LoadFeedAsync(url)).Items.Single();

        Assert.Equal("Just a taste.", Html(item));
        Assert.Null(item.Content);
    }

    [Fact]
    public async Task The_full_post_is_the_rendered_html()
    {
        await app.AddPostAsync("Whole", body: "The **whole** body.");

        Assert.Contains("<strong>whole</strong>", Html((await LoadFeedAsync("/feed/rss")).Items.Single()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reader_asking_again_with_the_etag_or_the_date_gets_304_until_a_post_changes()
    {
        await app.AddPostAsync("First", app.UtcNow.AddHours(-1));
        var client = app.CreateReader();
        using var first = await client.GetAsync("/feed/rss");
        var etag = first.Headers.ETag!;
        var lastModified = first.Content.Headers.LastModified!.Value;

        using var byTag = new HttpRequestMessage(HttpMethod.Get, "/feed/rss");
        byTag.Headers.IfNoneMatch.Add(etag);
        using var byDate = new HttpRequestMessage(HttpMethod.Get, "/feed/rss");
        byDate.Headers.IfModifiedSince = lastModified;
        using var notModifiedByTag = await client.SendAsync(byTag);
        using var notModifiedByDate = await client.SendAsync(byDate);

        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await app.AddPostAsync("Second");
        using var afterPost = new HttpRequestMessage(HttpMethod.Get, "/feed/rss");
        afterPost.Headers.IfNoneMatch.Add(etag);
        using var changed = await client.SendAsync(afterPost);

        Assert.Equal("application/rss+xml; charset=utf-8", first.Content.Headers.ContentType!.ToString());
        Assert.Equal(HttpStatusCode.NotModified, notModifiedByTag.StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, notModifiedByDate.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
    }

    [Fact]
    public async Task Every_page_advertises_the_blog_feeds_and_tag_and_category_pages_their_own()
    {
        await app.AddPostAsync("Tagged", tags: ["Sea"], category: "Walks");

        var home = await app.CreateReader().GetDocumentAsync("/");
        var tag = await app.CreateReader().GetDocumentAsync("/blog/tag/sea");
        var category = await app.CreateReader().GetDocumentAsync("/blog/category/walks");

        static string[] Feeds(AngleSharp.Dom.IDocument d) =>
            [.. d.QuerySelectorAll("link[rel=alternate]").Select(l => $"{l.GetAttribute("type")} {new Uri(l.GetAttribute("href")!).PathAndQuery}")];
        Assert.Equal(["application/rss+xml /feed/rss", "application/atom+xml /feed/atom"], Feeds(home));
        Assert.Contains("application/rss+xml /blog/tag/sea/feed/rss", Feeds(tag));
        Assert.Contains("application/atom+xml /blog/category/walks/feed/atom", Feeds(category));
        foreach (var link in Feeds(tag).Concat(Feeds(category)))
        {
            Assert.Equal(HttpStatusCode.OK, (await app.CreateReader().GetAsync(link.Split(' ')[1])).StatusCode);
        }
    }

    [Fact]
    public async Task A_scheduled_post_joins_the_feed_at_its_time()
    {
        await app.AddPostAsync("Later", app.UtcNow.AddHours(2));

        var before = await LoadFeedAsync("/feed/rss");
        app.Clock.Advance(TimeSpan.FromHours(2));
        var after = await LoadFeedAsync("/feed/rss");

        Assert.Empty(before.Items);
        Assert.Equal(["Later"], after.Items.Select(i => i.Title.Text));
    }
}
