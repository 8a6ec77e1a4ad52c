namespace Blog.Web.Settings;

/// <summary>The blog's own settings, kept as the single row of their table.</summary>
public sealed class SiteSettings
{
    public const int SingletonId = 1;

    public int Id { get; private set; } = SingletonId;

    public string BlogTitle { get; set; } = "My Blog";

    public string? Tagline { get; set; }

    public string AuthorName { get; set; } = "The Author";

    /// <summary>A few sentences about the author, in Markdown.</summary>
    public string? AuthorBio { get; set; }

    public int PostsPerPage { get; set; } = 10;

    /// <summary>IANA time zone id in which dates are shown and schedules are entered.</summary>
    public string TimeZoneId { get; set; } = "UTC";

    /// <summary>BCP 47 language tag of the writing, for the <c>lang</c> attribute.</summary>
    public string Language { get; set; } = "en";

    /// <summary>Footer text, in Markdown.</summary>
    public string? FooterText { get; set; }

    public List<SocialLink> SocialLinks { get; set; } = [];

    /// <summary>
    /// The address readers reach the blog at (<c>https://blog.example.com</c>), for the absolute links in feeds, the
    /// sitemap and rich previews. Empty means the address of the request, which is wrong behind a proxy that rewrites
    /// the host: setting it makes shared links right whatever the proxy does.
    /// </summary>
    public string? BaseUrl { get; set; }

    /// <summary>Whether feeds carry whole posts (true) or only their excerpts, inviting readers to the site.</summary>
    public bool FeedFullContent { get; set; } = true;

    /// <summary>Whether photos in posts show the camera, lens and exposure read from their files. Off unless the author wants it.</summary>
    public bool ShowCameraDetails { get; set; }

    public TimeZoneInfo TimeZone =>
        TimeZoneInfo.TryFindSystemTimeZoneById(TimeZoneId, out var zone) ? zone : TimeZoneInfo.Utc;
}

public sealed class SocialLink
{
    public string Label { get; set; } = "";

    public string Url { get; set; } = "";

    /// <summary>Only web and mail addresses are ever turned into links: never <c>javascript:</c> or <c>data:</c>.</summary>
    public bool IsSafeToLink =>
        Uri.TryCreate(Url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "mailto";
}
