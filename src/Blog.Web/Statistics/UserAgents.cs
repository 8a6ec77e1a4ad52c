using System.Globalization;
using System.Text.RegularExpressions;

namespace Blog.Web.Statistics;

/// <summary>What a user agent is, as far as the statistics care.</summary>
public readonly record struct UserAgentInfo(bool IsBot, string? FeedReader, int? Subscribers, string? FeedId);

/// <summary>
/// Tells readers from machines by the user agent: the maintained crawler-user-agents list (embedded from
/// <c>crawler-user-agents.txt</c>, MIT, see the file's header), plus a few generic markers it leaves out. Names feed
/// readers and reads the subscriber count they state ("Feedly/1.0 (+http://www.feedly.com/fetcher.html; 42 subscribers)").
/// Matching the list costs tens of microseconds, so <see cref="ReadTally"/> remembers each user agent's verdict.
/// </summary>
public static partial class UserAgents
{
    private static readonly Lazy<Regex> BotList = new(LoadBotList);

    /// <summary>Marks of software, not people, that the list does not carry as such.</summary>
    private static readonly string[] GenericMarkers =
    [
        "bot", "crawl", "spider", "slurp", "preview", "fetch", "scan", "monitor", "headless", "http-client", "httpclient",
        "okhttp", "curl", "wget", "python", "java/", "libwww", "go-http", "axios", "node-fetch", "undici", "lighthouse",
    ];

    /// <summary>Feed readers by a mark in their user agent, with the name the dashboard shows. First match wins.</summary>
    private static readonly (string Mark, string Name)[] FeedReaders =
    [
        ("feedly", "Feedly"), ("inoreader", "Inoreader"), ("newsblur", "NewsBlur"), ("feedbin", "Feedbin"),
        ("theoldreader", "The Old Reader"), ("old reader", "The Old Reader"), ("miniflux", "Miniflux"), ("freshrss", "FreshRSS"),
        ("tiny tiny rss", "Tiny Tiny RSS"), ("netnewswire", "NetNewsWire"), ("reeder", "Reeder"), ("readkit", "ReadKit"),
        ("feeder", "Feeder"), ("newsify", "Newsify"), ("bloglovin", "Bloglovin"), ("feedspot", "Feedspot"),
        ("superfeedr", "Superfeedr"), ("nextcloud-news", "Nextcloud News"), ("commafeed", "CommaFeed"), ("feedflow", "FeedFlow"),
        ("readwise", "Readwise Reader"), ("flipboard", "Flipboard"), ("feedburner", "FeedBurner"), ("feedfetcher-google", "Google"),
        ("thunderbird", "Thunderbird"), ("vienna", "Vienna"), ("newsboat", "Newsboat"), ("liferea", "Liferea"),
        ("feedreader", "Feed reader"), ("rss", "Feed reader"),
    ];

    public static UserAgentInfo Classify(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return new UserAgentInfo(true, "Unknown", null, null);
        }

        var isBot = IsBot(userAgent);
        var (subscribers, feedId) = StatedSubscribers(userAgent);
        return new UserAgentInfo(isBot, FeedReaderName(userAgent), subscribers, feedId);
    }

    public static bool IsBot(string userAgent)
    {
        foreach (var marker in GenericMarkers)
        {
            if (userAgent.Contains(marker, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        // Every browser names itself "Mozilla/5.0 (…)" or "Opera/…"; whatever does not is a program.
        return !(userAgent.StartsWith("Mozilla/", StringComparison.Ordinal) || userAgent.StartsWith("Opera/", StringComparison.Ordinal))
            || BotList.Value.IsMatch(userAgent);
    }

    /// <summary>The name a feed fetch is counted under: a known reader's, else the software's own first word.</summary>
    public static string FeedReaderName(string userAgent)
    {
        foreach (var (mark, name) in FeedReaders)
        {
            if (userAgent.Contains(mark, StringComparison.OrdinalIgnoreCase))
            {
                return name;
            }
        }

        if (userAgent.StartsWith("Mozilla/", StringComparison.Ordinal))
        {
            return "Browser";
        }

        var product = ProductToken().Match(userAgent);
        return product.Success ? product.Value : "Other";
    }

    /// <summary>"…; 42 subscribers", "… - 42 subscribers", "42 readers": the count a feed service states, with its feed id if any.</summary>
    public static (int? Subscribers, string? FeedId) StatedSubscribers(string userAgent)
    {
        var match = SubscriberCount().Match(userAgent);
        if (!match.Success || !int.TryParse(match.Groups["count"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return (null, null);
        }

        var feedId = FeedIdentity().Match(userAgent);
        return (count, feedId.Success ? feedId.Groups["id"].Value : null);
    }

    private static Regex LoadBotList()
    {
        using var stream = typeof(UserAgents).Assembly.GetManifestResourceStream("Blog.Web.Statistics.crawler-user-agents.txt")
            ?? throw new InvalidOperationException("The embedded crawler-user-agents.txt is missing.");
        using var reader = new StreamReader(stream);
        var patterns = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                patterns.Add($"(?:{line})");
            }
        }

        return new Regex(string.Join('|', patterns), RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(250));
    }

    [GeneratedRegex(@"(?<count>\d{1,9})\s+(?:subscribers|readers)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SubscriberCount();

    [GeneratedRegex(@"feed-?id[:=]\s*(?<id>[A-Za-z0-9_-]{1,40})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FeedIdentity();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9 ._-]{0,39}?(?=[/;(]|\s\(|$)", RegexOptions.CultureInvariant)]
    private static partial Regex ProductToken();
}
