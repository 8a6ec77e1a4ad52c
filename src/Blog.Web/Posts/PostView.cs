using System.Linq.Expressions;

namespace Blog.Web.Posts;

/// <summary>
/// What the post page shows (and the owner's preview of it): what a list shows of it (<see cref="Card"/>: title,
/// address, summary, cover, length, category, date) and the rest of the post.
/// </summary>
public sealed record PostView(
    int Id,
    PostSummary Card,
    string BodyHtml,
    DateTime? PublishedAtUtc,
    DateTime UpdatedAtUtc,
    string? SeoTitle,
    string? SeoDescription,
    IReadOnlyList<TermLink> Tags,
    bool CommentsClosed = false)
{
    /// <summary>The date shown: when it was published, or for an unpublished preview, when it was last edited.</summary>
    public DateTime DisplayDateUtc => Card.PublishedAtUtc;
}

public static class PostViewQueries
{
    private static readonly Expression<Func<Post, PostView>> View = ContentQueries.WithSummary((Post p, PostSummary card) => new PostView(
        p.Id,
        card,
        p.BodyHtml,
        p.PublishedAtUtc,
        p.UpdatedAtUtc,
        p.SeoTitle,
        p.SeoDescription,
        p.Tags.OrderBy(t => t.Name).Select(t => new TermLink(t.Name, t.Slug)).ToList(),
        p.CommentsClosed));

    public static IQueryable<PostView> SelectViews(this IQueryable<Post> posts) => posts.Select(View);
}
