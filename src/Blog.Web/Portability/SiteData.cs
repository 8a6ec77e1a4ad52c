using System.Text.Json;
using Blog.Web.Settings;

namespace Blog.Web.Portability;

/// <summary>
/// <c>site.json</c> in an export: what is not a post or a page. Importing it back (our own export into an empty
/// blog) restores the settings, descriptions of categories, comments and redirects.
/// </summary>
public sealed record SiteData
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public int FormatVersion { get; init; } = 1;

    public SettingsData? Settings { get; init; }

    public List<TaxonomyData> Categories { get; init; } = [];

    public List<TaxonomyData> Tags { get; init; } = [];

    public List<CommentData> Comments { get; init; } = [];

    public List<RedirectData> Redirects { get; init; } = [];
}

public sealed record SettingsData(
    string BlogTitle, string? Tagline, string AuthorName, string? AuthorBio, int PostsPerPage, string TimeZoneId,
    string Language, string? FooterText, List<SocialLinkData> SocialLinks)
{
    public static SettingsData From(SiteSettings s) => new(
        s.BlogTitle, s.Tagline, s.AuthorName, s.AuthorBio, s.PostsPerPage, s.TimeZoneId, s.Language, s.FooterText,
        [.. s.SocialLinks.Select(l => new SocialLinkData(l.Label, l.Url))]);

    public void ApplyTo(SiteSettings s)
    {
        (s.BlogTitle, s.Tagline, s.AuthorName, s.AuthorBio) = (BlogTitle, Tagline, AuthorName, AuthorBio);
        (s.PostsPerPage, s.TimeZoneId, s.Language, s.FooterText) = (Math.Clamp(PostsPerPage, 1, 100), TimeZoneId, Language, FooterText);
        s.SocialLinks = [.. SocialLinks.Select(l => new SocialLink { Label = l.Label, Url = l.Url }).Where(l => l.IsSafeToLink)];
    }
}

public sealed record SocialLinkData(string Label, string Url);

public sealed record TaxonomyData(string Name, string Slug, string? Description = null);

/// <summary>
/// A comment, attached to its post by the post's slug and to the comment it answers by that one's
/// <see cref="OriginalId"/>. <see cref="Content"/> is what was written (Markdown for comments written on this blog),
/// <see cref="Html"/> what readers saw (sanitized again on import). <see cref="Status"/> is held, approved, spam or
/// trash; exports made before it was kept have only <see cref="Approved"/>. A webmention has its <see cref="Kind"/>
/// (reply, like, repost, mention) and the <see cref="SourceUrl"/> it came from.
/// </summary>
public sealed record CommentData(
    string PostSlug, string? OriginalId, string AuthorName, string? AuthorEmail, string? AuthorUrl, DateTime CreatedAtUtc,
    string Content, bool Approved, string? Status = null, string? ParentOriginalId = null, bool IsOwner = false, string? Html = null,
    string? Kind = null, string? SourceUrl = null);

public sealed record RedirectData(string From, string To);
