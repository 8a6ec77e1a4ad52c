using System.Linq.Expressions;
using Blog.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Posts;

public static class ContentQueries
{
    /// <summary>What readers may see at <paramref name="nowUtc"/>: neither drafts, nor future posts, nor the trash.</summary>
    public static IQueryable<T> VisibleAt<T>(this IQueryable<T> query, DateTime nowUtc)
        where T : PublishableContent =>
        query.Where(Visibility.At<T>(nowUtc));

    /// <summary>What readers will see later: published or scheduled, not trashed, with a publish time after <paramref name="nowUtc"/>.</summary>
    public static IQueryable<T> ScheduledAfter<T>(this IQueryable<T> query, DateTime nowUtc)
        where T : PublishableContent =>
        query.Where(Visibility.ScheduledAfter<T>(nowUtc));

    public static IQueryable<T> BySlug<T>(this IQueryable<T> query, string slug)
        where T : PublishableContent =>
        query.Where(c => c.Slug == slug);

    public static IQueryable<Post> NewestFirst(this IQueryable<Post> query) =>
        query.OrderByDescending(p => p.PublishedAtUtc).ThenByDescending(p => p.Id);

    /// <summary>
    /// What a list shows of a post, in one place: the post page's <see cref="PostView"/> composes it through
    /// <see cref="WithSummary{T}"/> rather than naming these columns again. An unpublished post (only the owner's
    /// preview reads one) is dated by its last edit.
    /// </summary>
    internal static readonly Expression<Func<Post, PostSummary>> SummaryShape = p => new PostSummary(
        p.Title,
        p.Slug,
        p.Excerpt,
        p.Opening,
        p.CoverImageUrl,
        p.CoverImageAlt,
        p.WordCount,
        p.PublishedAtUtc ?? p.UpdatedAtUtc,
        p.Category == null ? null : new TermLink(p.Category.Name, p.Category.Slug, p.Category.Id),
        p.CoverImageWidth,
        p.CoverImageHeight,
        p.CoverFocusX,
        p.CoverFocusY);

    public static IQueryable<PostSummary> SelectSummaries(this IQueryable<Post> query) => query.Select(SummaryShape);

    /// <summary>
    /// A projection that includes a post's <see cref="PostSummary"/>: <paramref name="shape"/> receives the summary as
    /// its second parameter, which is replaced by the summary's own projection, so the database reads its columns in
    /// the same query.
    /// </summary>
    internal static Expression<Func<Post, T>> WithSummary<T>(Expression<Func<Post, PostSummary, T>> shape)
    {
        var post = shape.Parameters[0];
        var summary = new ParameterReplacer(SummaryShape.Parameters[0], post).Visit(SummaryShape.Body);
        return Expression.Lambda<Func<Post, T>>(new ParameterReplacer(shape.Parameters[1], summary).Visit(shape.Body), post);
    }

    /// <summary>One page of the newest visible posts, with the total number of pages.</summary>
    public static async Task<Paged<PostSummary>> PageOfSummariesAsync(
        this IQueryable<Post> visiblePosts, int pageNumber, int pageSize, CancellationToken cancellationToken)
    {
        var total = await visiblePosts.CountAsync(cancellationToken);
        var items = await visiblePosts
            .NewestFirst()
            .Skip((pageNumber - 1) * pageSize)
            .Take(pageSize)
            .SelectSummaries()
            .ToListAsync(cancellationToken);
        return new Paged<PostSummary>(items, pageNumber, Paging.CountPages(total, pageSize));
    }

    /// <summary>
    /// The posts published just before and just after a post (ties on the publish time broken by id) among those visible
    /// at <paramref name="nowUtc"/>, each found through the (status, publish time) index rather than by scanning; two
    /// queries compiled once.
    /// </summary>
    public static async Task<(PostLink? Previous, PostLink? Next)> NeighboursOfAsync(
        this BlogDbContext db, DateTime nowUtc, int postId, DateTime publishedAtUtc, CancellationToken cancellationToken) =>
        (await PreviousOf.For(db)(db, nowUtc, postId, publishedAtUtc, cancellationToken), await NextOf.For(db)(db, nowUtc, postId, publishedAtUtc, cancellationToken));

    private static readonly CompiledQuery<Func<BlogDbContext, DateTime, int, DateTime, CancellationToken, Task<PostLink?>>> PreviousOf = new(() =>
        EF.CompileAsyncQuery(InlineVisibility<Func<BlogDbContext, DateTime, int, DateTime, CancellationToken, PostLink?>>((db, nowUtc, postId, publishedAtUtc, cancellationToken) =>
            db.Posts.AsNoTracking().VisibleAt(nowUtc)
                .Where(p => p.PublishedAtUtc < publishedAtUtc || (p.PublishedAtUtc == publishedAtUtc && p.Id < postId))
                .OrderByDescending(p => p.PublishedAtUtc).ThenByDescending(p => p.Id)
                .Select(p => new PostLink(p.Title, p.Slug))
                .FirstOrDefault())));

    private static readonly CompiledQuery<Func<BlogDbContext, DateTime, int, DateTime, CancellationToken, Task<PostLink?>>> NextOf = new(() =>
        EF.CompileAsyncQuery(InlineVisibility<Func<BlogDbContext, DateTime, int, DateTime, CancellationToken, PostLink?>>((db, nowUtc, postId, publishedAtUtc, cancellationToken) =>
            db.Posts.AsNoTracking().VisibleAt(nowUtc)
                .Where(p => p.PublishedAtUtc > publishedAtUtc || (p.PublishedAtUtc == publishedAtUtc && p.Id > postId))
                .OrderBy(p => p.PublishedAtUtc).ThenBy(p => p.Id)
                .Select(p => new PostLink(p.Title, p.Slug))
                .FirstOrDefault())));

    /// <summary>
    /// A compiled query's expression with each <see cref="VisibleAt{T}"/> replaced by the rule it applies (a compiled query
    /// is one expression, and EF Core cannot translate a call to a method of ours whose argument is the query's own
    /// parameter), the time being that parameter.
    /// </summary>
    internal static Expression<TDelegate> InlineVisibility<TDelegate>(Expression<TDelegate> query) =>
        (Expression<TDelegate>)new VisibilityInliner().Visit(query);

    private sealed class VisibilityInliner : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method.DeclaringType != typeof(ContentQueries) || node.Method.Name != nameof(VisibleAt))
            {
                return base.VisitMethodCall(node);
            }

            var contentType = node.Method.GetGenericArguments()[0];
            return Expression.Call(
                typeof(Queryable), nameof(Queryable.Where), [contentType],
                Visit(node.Arguments[0]), Expression.Quote(Visibility.At(contentType, Visit(node.Arguments[1]))));
        }
    }

    private sealed class ParameterReplacer(ParameterExpression parameter, Expression replacement) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) =>
            node == parameter ? replacement : base.VisitParameter(node);
    }
}
