namespace Blog.Web.Statistics;

/// <summary>Where a counted view came from. Stored as its number: never renumber.</summary>
public enum SourceKind
{
    /// <summary>Another site, by its host name.</summary>
    Site = 1,

    /// <summary>A search engine, by name.</summary>
    Search = 2,

    /// <summary>A web feed reader, by name.</summary>
    FeedReader = 3,

    /// <summary>A campaign tag on the link (<c>utm_source</c>, <c>ref</c>).</summary>
    Campaign = 4,
}

/// <summary>
/// Reduces a <c>Referer</c> header to what the statistics keep: the host alone (never its path or query, which can
/// carry a search or a private address), named when it is a search engine or a feed reader; and a campaign tag to a
/// short plain word.
/// </summary>
public static class Referrers
{
    public const int MaxSourceLength = 64;

    private static readonly (string Domain, string Name)[] SearchEngines =
    [
        ("google", "Google"), ("bing.com", "Bing"), ("duckduckgo.com", "DuckDuckGo"), ("search.yahoo", "Yahoo"),
        ("yandex", "Yandex"), ("baidu.com", "Baidu"), ("ecosia.org", "Ecosia"), ("search.brave.com", "Brave Search"),
        ("kagi.com", "Kagi"), ("startpage.com", "Startpage"), ("qwant.com", "Qwant"), ("naver.com", "Naver"),
        ("seznam.cz", "Seznam"), ("perplexity.ai", "Perplexity"), ("chatgpt.com", "ChatGPT"), ("mojeek.com", "Mojeek"),
    ];

    private static readonly (string Domain, string Name)[] FeedReaders =
    [
        ("feedly.com", "Feedly"), ("inoreader.com", "Inoreader"), ("newsblur.com", "NewsBlur"), ("feedbin.com", "Feedbin"),
        ("theoldreader.com", "The Old Reader"), ("bloglovin.com", "Bloglovin"), ("feedspot.com", "Feedspot"),
        ("readwise.io", "Readwise Reader"), ("flipboard.com", "Flipboard"),
    ];

    /// <summary>The source of a referrer, or null for none, an unreadable one, or a link from the blog itself.</summary>
    public static (SourceKind Kind, string Name)? FromReferrer(string? referrer, string? ownHost)
    {
        if (string.IsNullOrEmpty(referrer) || !Uri.TryCreate(referrer, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            return null;
        }

        var host = uri.IdnHost.ToLowerInvariant();
        if (ownHost is not null && (string.Equals(host, HostOnly(ownHost), StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        if (host.StartsWith("www.", StringComparison.Ordinal))
        {
            host = host[4..];
        }

        if (Named(host, SearchEngines) is { } engine)
        {
            return (SourceKind.Search, engine);
        }

        if (Named(host, FeedReaders) is { } reader)
        {
            return (SourceKind.FeedReader, reader);
        }

        return host.Length <= MaxSourceLength ? (SourceKind.Site, host) : null;
    }

    /// <summary>A campaign tag as stored: lower case letters, digits, <c>. _ -</c>; anything else dropped; at most 64 characters.</summary>
    public static string? Campaign(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        Span<char> kept = stackalloc char[MaxSourceLength];
        var length = 0;
        foreach (var c in value.AsSpan().Trim())
        {
            if (length == MaxSourceLength)
            {
                break;
            }

            if (char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')
            {
                kept[length++] = char.ToLowerInvariant(c);
            }
            else if (c == ' ' && length > 0 && kept[length - 1] != '-')
            {
                kept[length++] = '-';
            }
        }

        return length == 0 ? null : new string(kept[..length]);
    }

    private static string HostOnly(string host)
    {
        var colon = host.LastIndexOf(':');
        return colon > 0 && !host.EndsWith(']') ? host[..colon] : host;
    }

    private static string? Named(string host, (string Domain, string Name)[] known)
    {
        foreach (var (domain, name) in known)
        {
            // "google" matches google.com, google.co.uk and news.google.de; a domain with a dot matches itself and its subdomains.
            var matches = domain.Contains('.')
                ? host == domain || host.EndsWith("." + domain, StringComparison.Ordinal)
                : host.StartsWith(domain + ".", StringComparison.Ordinal) || host.Contains("." + domain + ".", StringComparison.Ordinal);
            if (matches)
            {
                return name;
            }
        }

        return null;
    }
}
