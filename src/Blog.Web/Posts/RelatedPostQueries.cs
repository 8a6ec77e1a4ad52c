using Blog.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Posts;

public static class RelatedPostQueries
{
    public const int Count = 3;

    /// <summary>How many of the latest posts of each shared tag, and of the category, are weighed against each other.</summary>
    public const int CandidatesPerTerm = 50;

    /// <summary>
    /// Up to three other visible posts sharing tags or the category with a post: the most shared tags first, then those
    /// in the same category, then the newest. Only the latest <see cref="CandidatesPerTerm"/> posts of each of its tags
    /// and of its category are weighed (latest by id, read straight off the join table's and the category's indexes), so
    /// the cost is the same in a blog of ten posts and in one of ten thousand, however popular the tag. One query.
    /// </summary>
    public static async Task<IReadOnlyList<PostSummary>> RelatedToAsync(
        this BlogDbContext db, PostView post, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var tagSlugs = post.Tags.Select(t => t.Slug).ToList();
        var categorySlug = post.Card.Category?.Slug;
        var postTags = db.PostTagRows();

        IQueryable<int>? candidates = null;
        foreach (var tagSlug in tagSlugs)
        {
            var ofTag = postTags
                .Where(pt => (int)pt[PostTags.TagId] == db.Tags.Where(t => t.Slug == tagSlug).Select(t => t.Id).First() && (int)pt[PostTags.PostId] != post.Id)
                .OrderByDescending(pt => (int)pt[PostTags.PostId])
                .Take(CandidatesPerTerm)
                .Select(pt => (int)pt[PostTags.PostId]);
            candidates = candidates is null ? ofTag : candidates.Concat(ofTag);
        }

        if (categorySlug is not null)
        {
            var ofCategory = db.Posts
                .Where(p => p.Category!.Slug == categorySlug && p.Id != post.Id)
                .OrderByDescending(p => p.Id)
                .Take(CandidatesPerTerm)
                .Select(p => p.Id);
            candidates = candidates is null ? ofCategory : candidates.Concat(ofCategory);
        }

        List<PostSummary> related = candidates is null ? [] : await db.Posts.AsNoTracking()
            .VisibleAt(nowUtc)
            .Where(p => candidates.Contains(p.Id))
            .OrderByDescending(p => p.Tags.Count(t => tagSlugs.Contains(t.Slug)))
            .ThenByDescending(p => categorySlug != null && p.Category!.Slug == categorySlug)
            .ThenByDescending(p => p.PublishedAtUtc).ThenByDescending(p => p.Id)
            .Take(Count)
            .SelectSummaries()
            .ToListAsync(cancellationToken);
        if (related.Count == Count)
        {
            return related;
        }

        // Too few share a tag or the category: the newest posts fill the places left (a second, small query).
        var shown = related.Select(r => r.Slug).Append(post.Card.Slug).ToList();
        var newest = await db.Posts.AsNoTracking().VisibleAt(nowUtc)
            .Where(p => !shown.Contains(p.Slug))
            .NewestFirst()
            .Take(Count - related.Count)
            .SelectSummaries()
            .ToListAsync(cancellationToken);
        return [.. related, .. newest];
    }
}
