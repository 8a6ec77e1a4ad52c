namespace Blog.Web.Seo;

/// <summary>
/// What a public page tells the layout about itself: its title and the description search engines show, and what
/// link previews and feed readers need (canonical address, image, article facts, feeds, the JSON-LD type).
/// </summary>
public sealed record PageMetadata(string? Title, string? Description = null)
{
    /// <summary>The page's own address when it is not the request path (which it is, by default).</summary>
    public string? CanonicalPath { get; init; }

    /// <summary>The schema.org type the page describes itself as in JSON-LD.</summary>
    public string SchemaType { get; init; } = SchemaTypes.WebPage;

    public PageImage? Image { get; init; }

    /// <summary>Set on posts: what makes the page an article (Open Graph <c>article</c>, JSON-LD <c>BlogPosting</c>).</summary>
    public ArticleFacts? Article { get; init; }

    /// <summary>Feeds of this page's own posts (a tag's, a category's), advertised besides the blog's.</summary>
    public IReadOnlyList<FeedLink> Feeds { get; init; } = [];

    /// <summary>Pages with no lasting content of their own (search results) ask search engines not to index them.</summary>
    public bool NoIndex { get; init; }
}

/// <summary>
/// An image for link previews. Width and height are optional: a cover at an address on another host has no known
/// size, and previews without them still work (the media library can supply them for its own images).
/// </summary>
public sealed record PageImage(string Url, string? Alt = null, int? Width = null, int? Height = null);

public sealed record ArticleFacts(DateTime PublishedAtUtc, DateTime ModifiedAtUtc, string? Section, IReadOnlyList<string> Tags);

/// <summary>An RSS and Atom pair; paths are site paths, made absolute by the layout.</summary>
public sealed record FeedLink(string Title, string RssPath, string AtomPath);

public static class SchemaTypes
{
    public const string WebPage = "WebPage";
    public const string WebSite = "WebSite";
    public const string CollectionPage = "CollectionPage";
    public const string BlogPosting = "BlogPosting";
}

/// <summary>A page model whose page has its own title and description.</summary>
public interface IHasPageMetadata
{
    PageMetadata Metadata { get; }
}
