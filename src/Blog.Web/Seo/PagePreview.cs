using Blog.Web.Feeds;
using Blog.Web.Settings;

namespace Blog.Web.Seo;

/// <summary>
/// Everything the layout writes into a page's head for search engines, link previews and feed readers, worked out
/// once from the page's <see cref="PageMetadata"/> so the layout only prints it.
/// </summary>
public sealed record PagePreview(
    string DocumentTitle,
    string Title,
    string? Description,
    string? CanonicalUrl,
    string OpenGraphType,
    PageImage? Image,
    ArticleFacts? Article,
    IReadOnlyList<AlternateLink> Alternates,
    string JsonLd,
    bool NoIndex)
{
    public static PagePreview For(PageMetadata? metadata, SiteSettings settings, SiteAddress address, HttpContext context)
    {
        var title = string.IsNullOrWhiteSpace(metadata?.Title) ? settings.BlogTitle : metadata.Title;
        var documentTitle = string.IsNullOrWhiteSpace(metadata?.Title) ? settings.BlogTitle : $"{metadata.Title} · {settings.BlogTitle}";
        var description = metadata?.Description ?? settings.Tagline;

        // An error page has no address of its own to point search engines at.
        var canonical = context.Response.StatusCode == StatusCodes.Status200OK
            ? address.Absolute(metadata?.CanonicalPath ?? context.Request.Path.ToUriComponent())
            : null;
        var image = metadata?.Image is { } own ? own with { Url = address.Absolute(own.Url) } : null;

        var feeds = new List<AlternateLink>
        {
            new("application/rss+xml", $"{settings.BlogTitle} (RSS)", address.Absolute(FeedEndpoints.BlogRssPath)),
            new("application/atom+xml", $"{settings.BlogTitle} (Atom)", address.Absolute(FeedEndpoints.BlogAtomPath)),
        };
        foreach (var feed in metadata?.Feeds ?? [])
        {
            feeds.Add(new("application/rss+xml", $"{feed.Title} (RSS)", address.Absolute(feed.RssPath)));
            feeds.Add(new("application/atom+xml", $"{feed.Title} (Atom)", address.Absolute(feed.AtomPath)));
        }

        var schemaType = metadata?.SchemaType ?? SchemaTypes.WebPage;
        var jsonLd = StructuredData.Serialize(schemaType, title, description, canonical ?? address.Absolute(SitePaths.Home), image, metadata?.Article, settings, address);
        return new PagePreview(
            documentTitle, title, description, canonical, metadata?.Article is null ? "website" : "article", image,
            metadata?.Article, feeds, jsonLd, metadata?.NoIndex ?? false);
    }
}

public sealed record AlternateLink(string Type, string Title, string Href);
