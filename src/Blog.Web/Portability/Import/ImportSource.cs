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

/// <param name="Status">What the source says of it: approved, held, spam or trash.</param>
/// <param name="ParentOriginalId">The source's id of the comment it answers, if any.</param>
public sealed record ImportedComment(
    string? OriginalId, string AuthorName, string? AuthorEmail, string? AuthorUrl, DateTime CreatedAtUtc, string Content,
    Comments.CommentStatus Status = Comments.CommentStatus.Approved, string? ParentOriginalId = null, bool IsOwner = false)
{
    /// <summary>For a webmention: the page on another site it came from (else null).</summary>
    public string? SourceUrl { get; init; }

    /// <summary>For a webmention: a reply, like, repost or mention.</summary>
    public Comments.CommentKind Kind { get; init; }
}

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

/// <summary>One thing a file holds, in its order: an item to import, or one the reader could not use.</summary>
public sealed record ImportEntry(ImportedContent? Content, SkippedItem? Skipped);

/// <summary>
/// What an import limits, so no file can take the server's memory: each item's text is read up to the size a post can
/// be in the editor and no further, and the readers hold one item at a time.
/// </summary>
public static class ImportLimits
{
    public const int MaxFiles = 10_000;

    /// <summary>The most text one post or page brings: the editor's own limit, so whatever comes in can be edited.</summary>
    public const int MaxItemChars = 2_000_000;

    /// <summary>A Markdown file larger than this (as it comes out of a zip) is skipped without being read further.</summary>
    public const long MaxFileBytes = 2L * 1024 * 1024;

    /// <summary>All the text a zip or folder may unpack to; past it the import stops (a zip bomb).</summary>
    public const long MaxTotalBytes = 512L * 1024 * 1024;

    public static string TooLarge(string what) =>
        $"{what} is larger than the {MaxFileBytes / 1024 / 1024} MB ({MaxItemChars:N0} characters) a post or page can hold";
}

/// <summary>
/// Everything a file holds, read as it is used: <see cref="Entries"/> reads the file item by item (once), so a
/// large export costs the memory of its largest item, not of all of them. <see cref="Count"/> is known up front, for
/// the progress bar. Dispose it to close the file.
/// </summary>
public sealed class ImportSource(int count, IEnumerable<ImportEntry> entries, SiteData? site = null, IDisposable? file = null) : IDisposable
{
    private (List<ImportedContent> Items, List<SkippedItem> Skipped)? all;

    public int Count { get; } = count;

    public IEnumerable<ImportEntry> Entries { get; } = entries;

    public SiteData? Site { get; } = site;

    /// <summary>Photos an export zip carried, by their id in the blog they came from; each read when it is used.</summary>
    public IReadOnlyDictionary<int, BundledImage> Media { get; init; } = new Dictionary<int, BundledImage>();

    /// <summary>Every item, read at once: for small files and tests, never for the import itself.</summary>
    public IReadOnlyList<ImportedContent> Items => ReadAll().Items;

    public IReadOnlyList<SkippedItem> Skipped => ReadAll().Skipped;

    private (List<ImportedContent> Items, List<SkippedItem> Skipped) ReadAll()
    {
        if (all is null)
        {
            var (items, skipped) = (new List<ImportedContent>(), new List<SkippedItem>());
            foreach (var entry in Entries)
            {
                if (entry.Content is { } content)
                {
                    items.Add(content);
                }
                else
                {
                    skipped.Add(entry.Skipped!);
                }
            }

            all = (items, skipped);
        }

        return all.Value;
    }

    public void Dispose() => file?.Dispose();
}
