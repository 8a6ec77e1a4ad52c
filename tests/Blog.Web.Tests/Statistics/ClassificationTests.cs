using System.Globalization;
using Blog.Web.Statistics;

namespace Blog.Web.Tests.Statistics;

public sealed class ClassificationTests
{
    public static TheoryData<string> Browsers =>
    [
        StatisticsClient.Firefox,
        StatisticsClient.Safari,
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
        "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_7_1) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
        "Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0",
    ];

    [Theory]
    [MemberData(nameof(Browsers))]
    public void Browsers_are_readers(string userAgent) => Assert.False(UserAgents.IsBot(userAgent));

    [Fact]
    public void Every_example_of_the_crawler_list_is_taken_for_a_program()
    {
        var examples = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Statistics", "Fixtures", "crawler-instances.txt"))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .ToList();

        Assert.True(examples.Count > 2000);
        Assert.DoesNotContain(examples, example => !UserAgents.IsBot(example));
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("HeadlessChrome", true)]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36", true)]
    [InlineData("Mozilla/5.0 (compatible; SomeNewCrawler/1.0)", true)]
    [InlineData("Go-http-client/2.0", true)]
    [InlineData("WhatsApp/2.23.20.0", true)]
    public void Programs_and_empty_user_agents_are_not_readers(string userAgent, bool isBot) =>
        Assert.Equal(isBot, UserAgents.Classify(userAgent).IsBot);

    [Theory]
    [InlineData("Feedly/1.0 (+http://www.feedly.com/fetcher.html; 42 subscribers; like FeedFetcher-Google)", "Feedly", 42, null)]
    [InlineData("Mozilla/5.0 (compatible; Inoreader/1.0; +https://www.inoreader.com; 7 subscribers)", "Inoreader", 7, null)]
    [InlineData("NewsBlur Feed Fetcher - 12 subscribers - https://www.newsblur.com/site/123 (Mozilla/5.0)", "NewsBlur", 12, null)]
    [InlineData("Feedbin feed-id:1234 - 3 subscribers", "Feedbin", 3, "1234")]
    [InlineData("Mozilla/5.0 (compatible; theoldreader.com; 1 subscribers)", "The Old Reader", 1, null)]
    [InlineData("NetNewsWire (RSS Reader; https://netnewswire.com/)", "NetNewsWire", null, null)]
    [InlineData("Miniflux/2.2.3 (https://miniflux.app)", "Miniflux", null, null)]
    [InlineData("SomeAggregator/3.1", "SomeAggregator", null, null)]
    [InlineData(StatisticsClient.Firefox, "Browser", null, null)]
    public void Feed_readers_are_named_with_the_subscribers_they_state(string userAgent, string reader, int? subscribers, string? feedId)
    {
        var info = UserAgents.Classify(userAgent);
        Assert.Equal((reader, subscribers, feedId), (info.FeedReader, info.Subscribers, info.FeedId));
    }

    [Theory]
    [InlineData("https://news.ycombinator.com/item?id=1", SourceKind.Site, "news.ycombinator.com")]
    [InlineData("https://www.example.org/some/path?secret=1#top", SourceKind.Site, "example.org")]
    [InlineData("https://www.google.com/", SourceKind.Search, "Google")]
    [InlineData("https://www.google.co.uk/search?q=x", SourceKind.Search, "Google")]
    [InlineData("https://news.google.de/", SourceKind.Search, "Google")]
    [InlineData("https://duckduckgo.com/", SourceKind.Search, "DuckDuckGo")]
    [InlineData("https://www.bing.com/search?q=x", SourceKind.Search, "Bing")]
    [InlineData("https://search.brave.com/search?q=x", SourceKind.Search, "Brave Search")]
    [InlineData("https://kagi.com/search?q=x", SourceKind.Search, "Kagi")]
    [InlineData("https://feedly.com/i/entry/x", SourceKind.FeedReader, "Feedly")]
    [InlineData("https://www.inoreader.com/article/x", SourceKind.FeedReader, "Inoreader")]
    [InlineData("https://XN--BCHER-KVA.example/", SourceKind.Site, "xn--bcher-kva.example")]
    [InlineData("https://notgoogle.com/", SourceKind.Site, "notgoogle.com")]
    public void Referrers_become_a_host_or_a_name(string referrer, SourceKind kind, string name) =>
        Assert.Equal((kind, name), Referrers.FromReferrer(referrer, "blog.example.com"));

    [Theory]
    [InlineData("https://blog.example.com/blog/other")]
    [InlineData("not a url")]
    [InlineData("/relative")]
    [InlineData("")]
    public void Links_from_the_blog_itself_and_unreadable_referrers_count_as_none(string referrer) =>
        Assert.Null(Referrers.FromReferrer(referrer, "blog.example.com:443"));

    [Theory]
    [InlineData("Newsletter", "newsletter")]
    [InlineData("  Weekly Digest ", "weekly-digest")]
    [InlineData("<script>alert(1)</script>", "scriptalert1script")]
    [InlineData("=HYPERLINK(\"x\")", "hyperlinkx")]
    [InlineData("!!!", null)]
    public void Campaign_tags_are_kept_as_plain_words(string tag, string? stored) => Assert.Equal(stored, Referrers.Campaign(tag));

    [Fact]
    public void A_campaign_tag_is_at_most_64_characters() => Assert.Equal(64, Referrers.Campaign(new string('a', 500))!.Length);

    [Theory]
    [InlineData("/", "/")]
    [InlineData("/Blog/My-Essay/", "/blog/my-essay")]
    [InlineData("/blog/my-essay", "/blog/my-essay")]
    public void Addresses_are_counted_in_one_form(string path, string counted) => Assert.Equal(counted, CountedPath.Normalize(path));

    [Fact]
    public void A_year_is_drawn_by_week_and_a_month_by_day()
    {
        var year = Enumerable.Range(0, 365).Select(i => new DayFigures(new DateOnly(2026, 1, 1).AddDays(i), 1, 1, 0)).ToList();
        var bars = StatisticsChart.Bars(year);

        Assert.Equal(53, bars.Count);
        Assert.Equal(new DateOnly(2026, 12, 31), bars[^1].To);
        Assert.Equal(7, bars[^1].Views);
        Assert.Equal(365, bars.Sum(b => b.Views));
        Assert.Equal(30, StatisticsChart.Bars(year.Take(30).ToList()).Count);
    }

    [Fact]
    public void The_chart_describes_its_figures_in_text()
    {
        var days = Enumerable.Range(0, 7).Select(i => new DayFigures(new DateOnly(2026, 6, 1).AddDays(i), i * 10, i, 0)).ToList();
        using var writer = new StringWriter();
        StatisticsChart.Render(days, CultureInfo.GetCultureInfo("en"), "c", "Last 7 days").WriteTo(writer, System.Text.Encodings.Web.HtmlEncoder.Default);
        var svg = writer.ToString();

        Assert.Contains("<desc id=\"c-desc\">210 views and 21 readers from 1 Jun to 7 Jun. Busiest day: Sun 7 Jun 2026 with 60 views.</desc>", svg, StringComparison.Ordinal);
        Assert.Contains("<title>Sun 7 Jun 2026: 60 views, 6 readers</title>", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", svg, StringComparison.Ordinal);
        Assert.Equal(7, System.Text.RegularExpressions.Regex.Count(svg, "class=\"stats-chart__readers\""));
    }

    [Theory]
    [InlineData(0, 4)]
    [InlineData(5, 8)]
    [InlineData(11, 20)]
    [InlineData(31, 40)]
    [InlineData(41, 80)]
    [InlineData(90, 100)]
    [InlineData(999, 1000)]
    [InlineData(1001, 2000)]
    public void The_scale_ends_on_a_round_number(int largest, int top) => Assert.Equal(top, StatisticsChart.NiceCeiling(largest));
}

public sealed class SipHashTests
{
    private static readonly SipHash ReferenceKey = new(0x0706050403020100UL, 0x0f0e0d0c0b0a0908UL);

    [Theory]
    [InlineData(0, 0x726fdb47dd0e0e31UL)] // the reference implementation's first test vector
    [InlineData(15, 0xa129ca6149be45e5UL)] // the paper's worked example (appendix A)
    public void SipHash_2_4_gives_the_reference_values(int length, ulong expected) =>
        Assert.Equal(expected, ReferenceKey.Hash(Enumerable.Range(0, length).Select(i => (byte)i).ToArray()));

    [Fact]
    public void Another_key_gives_another_hash() =>
        Assert.NotEqual(ReferenceKey.Hash([1, 2, 3]), new SipHash(1, 2).Hash([1, 2, 3]));
}
