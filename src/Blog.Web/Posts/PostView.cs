using System.Linq.Expressions;
using Blog.Web.Data;
using Microsoft.EntityFrameworkCore;

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
        p.Tags.OrderBy(t => t.Name).Select(t => new TermLink(t.Name, t.Slug, t.Id)).ToList(),
        p.CommentsClosed));

    public static IQueryable<PostView> SelectViews(this IQueryable<Post> posts) => posts.Select(View);

    /// <summary>
    /// The post page's read: the post visible at a time by its slug, with its tags, compiled once (the page's most
    /// frequent query when it is not kept). Split: one joined query would build the whole tag join table before
    /// picking this post's tags.
    /// </summary>
    public static Task<PostView?> VisibleBySlugAsync(this BlogDbContext db, string slug, DateTime nowUtc, CancellationToken cancellationToken) =>
        VisibleBySlug.For(db)(db, slug, nowUtc, cancellationToken);

    private static readonly CompiledQuery<Func<BlogDbContext, string, DateTime, CancellationToken, Task<PostView?>>> VisibleBySlug = new(() =>
        EF.CompileAsyncQuery(ContentQueries.InlineVisibility<Func<BlogDbContext, string, DateTime, CancellationToken, PostView?>>((db, slug, nowUtc, cancellationToken) =>
            db.Posts.AsNoTracking().VisibleAt(nowUtc).Where(p => p.Slug == slug).Select(View).AsSplitQuery().SingleOrDefault())));
}
