using System.Net;
using Blog.Web.Statistics;
using Blog.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static Blog.Web.Tests.Caching.PageCacheResponses;

namespace Blog.Web.Tests.Statistics;

public class ReaderStatisticsTests : IDisposable
{
    private static readonly string[] KnownColumns =
        ["Day", "Path", "Kind", "ContentId", "Views", "Readers", "FeedFetches", "Name", "Reader", "Fetches", "Subscribers"];

    private readonly BlogFactory app;

    public ReaderStatisticsTests()
        : this(new BlogFactory())
    {
    }

    /// <summary>The same tests on another provider (ReaderStatisticsTestsOnPostgreSql).</summary>
    protected ReaderStatisticsTests(BlogFactory app) => this.app = app;

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            app.Dispose();
        }
    }

    private DateOnly Today => DateOnly.FromDateTime(app.UtcNow);

    [Fact]
    public async Task Views_answered_by_the_page_cache_are_counted_once_each()
    {
        await app.AddPostAsync("Counted essay");
        var reader = app.Reader("203.0.113.10");

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            responses.Add(await reader.GetAsync("/blog/counted-essay"));
        }

        await app.FlushStatisticsAsync();

        Assert.True(FromCache(responses[2]));
        var page = Assert.Single(await app.PageFiguresAsync());
        Assert.Equal(("/blog/counted-essay", ReadKind.Post, 3, Today), (page.Path, page.Kind, page.Views, page.Day));
        Assert.NotNull(page.ContentId);
        Assert.Equal(3, Assert.Single(await app.SiteFiguresAsync()).Views);
    }

    [Fact]
    public async Task Home_tag_category_and_static_pages_are_counted_as_what_they_are()
    {
        await app.AddPostAsync("Tagged", category: "Travel", tags: ["harbour"]);
        await app.AddStaticPageAsync("About");
        var reader = app.Reader("203.0.113.11");

        foreach (var url in new[] { "/", "/blog/tag/harbour", "/blog/category/travel", "/about", "/archive", "/blog/missing" })
        {
            await reader.GetAsync(url);
        }

        await app.FlushStatisticsAsync();

        Assert.Equal(
            [("/", ReadKind.Home), ("/about", ReadKind.Page), ("/blog/category/travel", ReadKind.Category), ("/blog/tag/harbour", ReadKind.Tag)],
            (await app.PageFiguresAsync()).Select(p => (p.Path, p.Kind)));
    }

    [Fact]
    public async Task Bots_link_previewers_scripts_and_the_owner_are_not_counted()
    {
        await app.AddPostAsync("Not for robots");
        var owner = await app.SignInAsOwnerAsync();
        owner.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", StatisticsClient.Firefox);
        var ownerPage = await owner.GetAsync("/blog/not-for-robots");
        var ownerPixel = StatisticsClient.Pixel(Html.Parse(await ownerPage.Content.ReadAsStringAsync()));
        await owner.GetAsync(ownerPixel);

        foreach (var agent in new[]
        {
            "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
            "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_10_1) AppleWebKit/600.2.5 (KHTML, like Gecko) Version/8.0.2 Safari/600.2.5 (Applebot/0.1; +http://www.apple.com/go/applebot)",
            "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
            "curl/8.5.0",
            "python-requests/2.32.3",
        })
        {
            await app.BrowseWithAgentAsync("198.51.100.7", agent, "/blog/not-for-robots");
        }

        await app.Reader("198.51.100.8", userAgent: null).GetAsync("/blog/not-for-robots");
        await app.FlushStatisticsAsync();

        Assert.Empty(await app.PageFiguresAsync());

        await app.Reader("198.51.100.9").BrowseAsync("/blog/not-for-robots");
        await app.FlushStatisticsAsync();
        var page = Assert.Single(await app.PageFiguresAsync());
        Assert.Equal((1, 1), (page.Views, page.Readers));
    }

    [Fact]
    public async Task Unique_readers_are_told_apart_by_address_and_counted_once_a_day()
    {
        await app.AddPostAsync("Popular");
        await app.AddPostAsync("Quiet");

        await app.Reader("192.0.2.1").BrowseAsync("/blog/popular");
        await app.Reader("192.0.2.1").BrowseAsync("/blog/popular");
        await app.Reader("192.0.2.1").BrowseAsync("/blog/quiet");
        await app.Reader("192.0.2.2").BrowseAsync("/blog/popular");
        await app.Reader("192.0.2.3", StatisticsClient.Safari).BrowseAsync("/blog/popular");
        await app.Reader("192.0.2.3", StatisticsClient.Firefox).BrowseAsync("/blog/popular");

        // Fetched the page, never rendered it: a view, not a reader.
        await app.Reader("192.0.2.4").GetAsync("/blog/popular");
        await app.FlushStatisticsAsync();

        var pages = (await app.PageFiguresAsync()).ToDictionary(p => p.Path);
        Assert.Equal((6, 4), (pages["/blog/popular"].Views, pages["/blog/popular"].Readers));
        Assert.Equal((1, 1), (pages["/blog/quiet"].Views, pages["/blog/quiet"].Readers));
        var site = Assert.Single(await app.SiteFiguresAsync());
        Assert.Equal((7, 4), (site.Views, site.Readers));
    }

    [Fact]
    public async Task A_pixel_without_a_view_of_its_page_counts_nothing()
    {
        await app.AddPostAsync("Pixel");
        var page = await app.Reader("192.0.2.20").GetAsync("/blog/pixel");
        var pixel = StatisticsClient.Pixel(Html.Parse(await page.Content.ReadAsStringAsync()))!;

        var elsewhere = await app.Reader("192.0.2.21").GetAsync(pixel);
        var invented = await app.Reader("192.0.2.21").GetAsync("/stats/seen/0123456789abcdef.css");
        var malformed = await app.Reader("192.0.2.21").GetAsync("/stats/seen/not-a-token.css");
        await app.FlushStatisticsAsync();

        Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);
        Assert.Equal("text/css", elsewhere.Content.Headers.ContentType?.MediaType);
        Assert.True(elsewhere.Headers.CacheControl?.NoStore);
        Assert.False(elsewhere.Headers.Contains("Set-Cookie"));
        Assert.Equal(HttpStatusCode.OK, invented.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, malformed.StatusCode);
        Assert.Equal((1, 0), (Assert.Single(await app.PageFiguresAsync()).Views, Assert.Single(await app.PageFiguresAsync()).Readers));
    }

    [Fact]
    public async Task Referrers_are_kept_as_host_names_and_campaign_tags_are_read_before_the_page_cache_drops_them()
    {
        await app.AddPostAsync("Shared");
        await app.Reader("192.0.2.30").BrowseAsync("/blog/shared", "https://news.ycombinator.com/item?id=4242");
        await app.Reader("192.0.2.31").BrowseAsync("/blog/shared", "https://www.google.co.uk/search?q=very+private+question");
        await app.Reader("192.0.2.32").BrowseAsync("/blog/shared", "https://feedly.com/i/subscription/feed/private");
        await app.Reader("192.0.2.33").BrowseAsync("/blog/shared", "http://localhost/blog/another-post");
        var first = await app.Reader("192.0.2.34").BrowseAsync("/blog/shared?utm_source=Weekly%20Newsletter&utm_medium=email");
        var second = await app.Reader("192.0.2.35").BrowseAsync("/blog/shared?ref=Mastodon");
        await app.FlushStatisticsAsync();

        Assert.True(FromCache(first) || FromCache(second));
        Assert.Equal(
            [("Feedly", SourceKind.FeedReader), ("Google", SourceKind.Search), ("mastodon", SourceKind.Campaign),
                ("news.ycombinator.com", SourceKind.Site), ("weekly-newsletter", SourceKind.Campaign)],
            (await app.SourceFiguresAsync()).Select(s => (s.Name, s.Kind)));
        var cells = await StatisticsClient.EveryStatisticsCellAsync(app);
        Assert.DoesNotContain(cells, c => c.Value.Contains("4242", StringComparison.Ordinal) || c.Value.Contains("private", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Do_not_track_and_global_privacy_control_leave_a_bare_count()
    {
        await app.AddPostAsync("Private reader");
        foreach (var (address, header) in new[] { ("192.0.2.40", "DNT"), ("192.0.2.41", "Sec-GPC") })
        {
            var reader = app.Reader(address);
            reader.DefaultRequestHeaders.Add(header, "1");
            await reader.BrowseAsync("/blog/private-reader?utm_source=newsletter", "https://example.org/links");
        }

        await app.FlushStatisticsAsync();

        var page = Assert.Single(await app.PageFiguresAsync());
        Assert.Equal((2, 0), (page.Views, page.Readers));
        Assert.Empty(await app.SourceFiguresAsync());
    }

    [Fact]
    public async Task Feed_fetches_are_counted_by_reader_with_the_subscribers_they_state()
    {
        await app.AddPostAsync("Fed");
        await app.FetchFeedAsync("Feedly/1.0 (+http://www.feedly.com/fetcher.html; 42 subscribers; like FeedFetcher-Google)");
        await app.FetchFeedAsync("Feedly/1.0 (+http://www.feedly.com/fetcher.html; 40 subscribers; like FeedFetcher-Google)");
        await app.FetchFeedAsync("Feedbin feed-id:1234 - 3 subscribers");
        await app.FetchFeedAsync("Feedbin feed-id:5678 - 2 subscribers");
        await app.FetchFeedAsync("NetNewsWire (RSS Reader; https://netnewswire.com/)");
        await app.FlushStatisticsAsync();

        Assert.Equal(
            [("Feedbin", 2, 5), ("Feedly", 2, 42), ("NetNewsWire", 1, 0)],
            (await app.FeedFiguresAsync()).Select(f => (f.Reader, f.Fetches, f.Subscribers)));
        Assert.Equal(5, Assert.Single(await app.SiteFiguresAsync()).FeedFetches);
        Assert.Empty(await app.PageFiguresAsync());
    }

    [Fact]
    public async Task After_the_day_ends_nothing_personal_is_in_any_statistics_table_and_readers_start_afresh()
    {
        await app.AddPostAsync("Personal");
        var addresses = new[] { "203.0.113.77", "2001:db8::1234" };
        foreach (var address in addresses)
        {
            await app.Reader(address, StatisticsClient.Safari).BrowseAsync("/blog/personal?utm_source=friend", "https://mail.example.net/inbox/secret-thread");
        }

        await app.FlushStatisticsAsync();
        app.Clock.Advance(TimeSpan.FromDays(1));
        await app.Reader(addresses[0], StatisticsClient.Safari).BrowseAsync("/blog/personal");
        await app.FlushStatisticsAsync();

        var cells = await StatisticsClient.EveryStatisticsCellAsync(app);
        Assert.NotEmpty(cells);
        string[] personal = ["203.0.113", "2001:db8", "Mozilla", "Safari", "iPhone", "secret", "inbox"];
        Assert.DoesNotContain(cells, cell => personal.Any(p => cell.Value.Contains(p, StringComparison.OrdinalIgnoreCase)));

        // Every column is a day, an address of the blog, a kind, a name of a source or feed reader, or a number.
        Assert.All(cells.Select(c => (c.Table, c.Column)).Distinct(), column => Assert.Contains(column.Column, KnownColumns));

        // The new day's salt: yesterday's reader is a new reader today, as nothing of yesterday's can recognise them.
        Assert.Equal([2, 1], (await app.SiteFiguresAsync()).Select(d => d.Readers));
        Assert.Equal(1, app.Services.GetRequiredService<ReadTally>().ReadersToday);
    }

    [Fact]
    public async Task Counts_reach_the_database_within_seconds_without_being_asked()
    {
        using var quick = app.Sibling().WithSetting("Blog:Statistics:FlushInterval", "00:00:01");
        await quick.AddPostAsync("Soon");
        await quick.Reader("192.0.2.50").GetAsync("/blog/soon");

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await quick.PageFiguresAsync()).Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.Equal(1, Assert.Single(await quick.PageFiguresAsync()).Views);
    }

    [Fact]
    public async Task Stopping_the_recorder_writes_what_was_counted()
    {
        await app.AddPostAsync("Last words");
        await app.Reader("192.0.2.60").GetAsync("/blog/last-words");
        await app.Reader("192.0.2.61").GetAsync("/blog/last-words");

        await ((IHostedService)app.Services.GetRequiredService<StatisticsRecorder>()).StopAsync(CancellationToken.None);

        var views = (await StatisticsClient.EveryStatisticsCellAsync(app)).Where(c => c is { Table: "StatisticsPages", Column: "Views" });
        Assert.Equal("2", Assert.Single(views).Value);
    }

    [Fact]
    public async Task Figures_older_than_the_days_kept_are_deleted_when_a_day_ends()
    {
        using var keeping = app.Sibling().WithSetting("Blog:Statistics:KeepDays", "2");
        await keeping.AddPostAsync("Kept");
        foreach (var _ in Enumerable.Range(0, 3))
        {
            await keeping.Reader("192.0.2.80").BrowseAsync("/blog/kept", "https://example.org/");
            await keeping.FetchFeedAsync("Feedly/1.0 (+http://www.feedly.com/fetcher.html; 4 subscribers)");
            await keeping.FlushStatisticsAsync();
            keeping.Clock.Advance(TimeSpan.FromDays(1));
        }

        await keeping.FlushStatisticsAsync();

        // Two days kept: today (nothing counted yet) and yesterday; the two days before are gone.
        DateOnly[] yesterday = [DateOnly.FromDateTime(keeping.UtcNow).AddDays(-1)];
        Assert.Equal(yesterday, (await keeping.SiteFiguresAsync()).Select(d => d.Day));
        Assert.Equal(yesterday, (await keeping.PageFiguresAsync()).Select(d => d.Day));
        Assert.Equal(yesterday, (await keeping.SourceFiguresAsync()).Select(d => d.Day));
        Assert.Equal(yesterday, (await keeping.FeedFiguresAsync()).Select(d => d.Day));
    }

    [Fact]
    public async Task With_statistics_off_pages_carry_no_pixel_and_nothing_is_counted()
    {
        using var off = app.Sibling().WithSetting("Blog:Statistics:Enabled", "false");
        await off.AddPostAsync("Uncounted");
        var page = await off.Reader("192.0.2.70").GetAsync("/blog/uncounted");
        await off.FlushStatisticsAsync();

        Assert.Null(StatisticsClient.Pixel(Html.Parse(await page.Content.ReadAsStringAsync())));
        Assert.Empty(await off.PageFiguresAsync());
    }
}

/// <summary>The same tests on PostgreSQL.</summary>
public sealed class ReaderStatisticsTestsOnPostgreSql() : ReaderStatisticsTests(new PostgresBlogFactory());
