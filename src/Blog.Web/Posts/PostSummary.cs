namespace Blog.Web.Posts;

/// <summary>A link to a tag or category: its display name and slug.</summary>
/// <param name="Id">Its row's id, read where a query of the page needs it (the post page's related posts); 0 where it is not read.</param>
public sealed record TermLink(string Name, string Slug, int Id = 0);

/// <summary>
/// What a list of posts shows for each one (and the post page too, as its <see cref="PostView.Card"/>).
/// <see cref="PublishedAtUtc"/> is the date shown: for an unpublished post in the owner's preview, its last edit.
/// </summary>
public sealed record PostSummary(
    string Title,
    string Slug,
    string? Excerpt,
    string OpeningText,
    string? CoverImageUrl,
    string? CoverImageAlt,
    int WordCount,
    DateTime PublishedAtUtc,
    TermLink? Category,
    int? CoverImageWidth = null,
    int? CoverImageHeight = null,
    int? CoverFocusX = null,
    int? CoverFocusY = null)
{
    /// <summary>Worked out once: a list shows it on every view.</summary>
    public string Summary { get; } = TextExcerpt.ExcerptOrOpening(Excerpt, OpeningText);

    public int ReadingMinutes => ReadingTime.Minutes(WordCount);
}

/// <summary>A post's neighbour for the Previous / Next links.</summary>
public sealed record PostLink(string Title, string Slug);

public sealed record Paged<T>(IReadOnlyList<T> Items, int PageNumber, int PageCount);

public static class Paging
{
    /// <summary>How many pages <paramref name="total"/> items fill; an empty list still has its one (empty) page.</summary>
    public static int CountPages(int total, int pageSize) => Math.Max(1, (int)Math.Ceiling(total / (double)pageSize));
}
