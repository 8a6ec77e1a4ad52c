namespace Blog.Web.Portability.Import;

public enum ImportKind
{
    Post,
    Page,
}

/// <summary>How an imported item should appear: the source's own status words mapped onto the blog's.</summary>
public enum ImportStatus
{
    Draft,

    /// <summary>Published at its date; a date in the future makes it scheduled.</summary>
    Published,
}

public sealed record ImportedComment(
    string? OriginalId, string AuthorName, string? AuthorEmail, string? AuthorUrl, DateTime CreatedAtUtc, string Content);

/// <summary>One post or page read from a file, in the blog's terms, before anything is written.</summary>
public sealed record ImportedContent
{
    /// <summary>Its place in the file (1-based), for the report.</summary>
    public required int Position { get; init; }

    /// <summary>Identifies it across imports of the same source: "wxr:{guid}" or "md:{path}".</summary>
    public required string SourceKey { get; init; }

    public required ImportKind Kind { get; init; }

    public required string Title { get; init; }

    /// <summary>The slug the source gave it (may be empty or taken; the importer makes it valid and unique).</summary>
    public string? Slug { get; init; }

    public required string BodyMarkdown { get; init; }

    public string? Excerpt { get; init; }

    public ImportStatus Status { get; init; }

    public DateTime? PublishedAtUtc { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public IReadOnlyList<string> Categories { get; init; } = [];

    public string? SeoTitle { get; init; }

    public string? SeoDescription { get; init; }

    public string? CoverImageUrl { get; init; }

    public string? CoverImageAlt { get; init; }

    public int MenuOrder { get; init; }

    public bool ShowInNavigation { get; init; } = true;

    /// <summary>Its address on the old blog (a path such as <c>/2019/05/my-post/</c>), kept working by a redirect.</summary>
    public string? OriginalPath { get; init; }

    public IReadOnlyList<ImportedComment> Comments { get; init; } = [];
}

/// <summary>An item the reader could not use, and why.</summary>
public sealed record SkippedItem(int Position, string Title, string Reason);

/// <summary>Everything a file holds: its items, the items that could not be read, and (for our own export) the site's data.</summary>
public sealed record ImportSource(
    IReadOnlyList<ImportedContent> Items,
    IReadOnlyList<SkippedItem> Skipped,
    SiteData? Site = null)
{
    /// <summary>Photos an export zip carried, by their id in the blog they came from.</summary>
    public IReadOnlyDictionary<int, BundledImage> Media { get; init; } = new Dictionary<int, BundledImage>();
}
