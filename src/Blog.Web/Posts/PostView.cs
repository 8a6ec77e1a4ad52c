namespace Blog.Web.Posts;

/// <summary>What the post page shows (and the owner's preview of it).</summary>
public sealed record PostView(
    int Id,
    string Title,
    string Slug,
    string BodyHtml,
    string Summary,
    string? CoverImageUrl,
    string? CoverImageAlt,
    int? CoverImageWidth,
    int? CoverImageHeight,
    int WordCount,
    DateTime? PublishedAtUtc,
    DateTime UpdatedAtUtc,
    string? SeoTitle,
    string? SeoDescription,
    TermLink? Category,
    IReadOnlyList<TermLink> Tags,
    int? CoverFocusX = null,
    int? CoverFocusY = null,
    bool CommentsClosed = false)
{
    public int ReadingMinutes => ReadingTime.Minutes(WordCount);

    /// <summary>The date shown: when it was published, or for an unpublished preview, when it was last edited.</summary>
    public DateTime DisplayDateUtc => PublishedAtUtc ?? UpdatedAtUtc;
}

public static class PostViewQueries
{
    public static IQueryable<PostView> SelectViews(this IQueryable<Post> posts) =>
        posts.Select(p => new PostView(
            p.Id,
            p.Title,
            p.Slug,
            p.BodyHtml,
            TextExcerpt.ExcerptOrOpening(p.Excerpt, p.Opening),
            p.CoverImageUrl,
            p.CoverImageAlt,
            p.CoverImageWidth,
            p.CoverImageHeight,
            p.WordCount,
            p.PublishedAtUtc,
            p.UpdatedAtUtc,
            p.SeoTitle,
            p.SeoDescription,
            p.Category == null ? null : new TermLink(p.Category.Name, p.Category.Slug),
            p.Tags.OrderBy(t => t.Name).Select(t => new TermLink(t.Name, t.Slug)).ToList(),
            p.CoverFocusX,
            p.CoverFocusY,
            p.CommentsClosed));
}
