using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Posts;

public static class RelatedPostQueries
{
    public const int Count = 3;

    /// <summary>
    /// Up to three other visible posts sharing tags or the category with a post: the most shared tags first, then those
    /// in the same category, then the newest. One query, whatever the number of tags.
    /// </summary>
    public static async Task<IReadOnlyList<PostSummary>> RelatedToAsync(
        this IQueryable<Post> visiblePosts, PostView post, CancellationToken cancellationToken)
    {
        var tagSlugs = post.Tags.Select(t => t.Slug).ToList();
        var categorySlug = post.Category?.Slug;
        if (tagSlugs.Count == 0 && categorySlug is null)
        {
            return [];
        }

        return await visiblePosts
            .Where(p => p.Id != post.Id)
            .Where(p => p.Tags.Any(t => tagSlugs.Contains(t.Slug)) || (categorySlug != null && p.Category!.Slug == categorySlug))
            .OrderByDescending(p => p.Tags.Count(t => tagSlugs.Contains(t.Slug)))
            .ThenByDescending(p => categorySlug != null && p.Category!.Slug == categorySlug)
            .ThenByDescending(p => p.PublishedAtUtc).ThenByDescending(p => p.Id)
            .Take(Count)
            .SelectSummaries()
            .ToListAsync(cancellationToken);
    }
}
