using Blog.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Posts;

public static class RelatedPostQueries
{
    public const int Count = 3;

    /// <summary>How many of the latest posts of each shared tag, and of the category, are weighed against each other.</summary>
    public const int CandidatesPerTerm = 50;

    /// <summary>
    /// Posts with up to this many tags are answered by one compiled query (<see cref="OfFixedShape"/>); a post with more
    /// by the same query built for its tags.
    /// </summary>
    public const int CompiledTagCount = 5;

    /// <summary>The id no tag and no category has (ids start at 1): the compiled query's places left unused.</summary>
    private const int NoRow = 0;

    /// <summary>
    /// Up to three other visible posts sharing tags or the category with a post: the most shared tags first, then those
    /// in the same category, then the newest. Only the latest <see cref="CandidatesPerTerm"/> posts of each of its tags
    /// and of its category are weighed (latest by id, read straight off the join table's and the category's indexes),
    /// and a post's shared tags are counted among those lists (a tag whose latest posts leave it out does not count), so
    /// the cost is the same in a blog of ten posts and in one of ten thousand, however popular the tag. One query, by
    /// the ids of the tags and the category the post was read with (<see cref="TermLink.Id"/>): no lookup by slug.
    /// </summary>
    public static async Task<IReadOnlyList<PostSummary>> RelatedToAsync(
        this BlogDbContext db, PostView post, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var tagIds = post.Tags.Select(t => t.Id).ToList();
        var categoryId = post.Card.Category?.Id;
        List<PostSummary> related = [];
        if (tagIds.Count > CompiledTagCount)
        {
            related = await OfAnyShape(db, post.Id, nowUtc, tagIds, categoryId).ToListAsync(cancellationToken);
        }
        else if (tagIds.Count > 0 || categoryId is not null)
        {
            int Tag(int i) => i < tagIds.Count ? tagIds[i] : NoRow;
            var rows = OfFixedShape.For(db)(db, post.Id, nowUtc, categoryId ?? NoRow, Tag(0), Tag(1), Tag(2), Tag(3), Tag(4));
            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                related.Add(row);
            }
        }

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

    /// <summary>The query for a post with more tags than <see cref="CompiledTagCount"/>: the same as <see cref="OfFixedShape"/>, one candidate list per tag.</summary>
    private static IQueryable<PostSummary> OfAnyShape(BlogDbContext db, int postId, DateTime nowUtc, List<int> tagIds, int? categoryId)
    {
        // Each candidate list gives its posts with Tag 1 (a tag's list) or 0 (the category's): grouped by post, their sum is the tags shared.
        var postTags = db.PostTagRows();
        var candidates = db.Posts
            .Where(p => p.CategoryId == (categoryId ?? NoRow) && p.Id != postId)
            .OrderByDescending(p => p.Id)
            .Take(CandidatesPerTerm)
            .Select(p => new { PostId = p.Id, Tag = 0 });
        foreach (var tagId in tagIds)
        {
            candidates = candidates.Concat(postTags
                .Where(pt => (int)pt[PostTags.TagId] == tagId && (int)pt[PostTags.PostId] != postId)
                .OrderByDescending(pt => (int)pt[PostTags.PostId])
                .Take(CandidatesPerTerm)
                .Select(pt => new { PostId = (int)pt[PostTags.PostId], Tag = 1 }));
        }

        var top = db.Posts.VisibleAt(nowUtc)
            .Join(candidates.GroupBy(c => c.PostId).Select(g => new { PostId = g.Key, Shared = g.Sum(c => c.Tag) }), p => p.Id, k => k.PostId,
                (p, k) => new { PostId = p.Id, k.Shared, SameCategory = p.CategoryId == (categoryId ?? NoRow), p.PublishedAtUtc })
            .OrderByDescending(r => r.Shared).ThenByDescending(r => r.SameCategory).ThenByDescending(r => r.PublishedAtUtc).ThenByDescending(r => r.PostId)
            .Take(Count);
        return db.Posts.AsNoTracking()
            .Join(top, p => p.Id, r => r.PostId, (p, r) => new { Post = p, r.Shared, r.SameCategory })
            .OrderByDescending(x => x.Shared).ThenByDescending(x => x.SameCategory).ThenByDescending(x => x.Post.PublishedAtUtc).ThenByDescending(x => x.Post.Id)
            .Select(x => x.Post)
            .SelectSummaries();
    }

    /// <summary>
    /// The related posts of a post with up to <see cref="CompiledTagCount"/> tags, compiled once (no expression tree to
    /// build, hash and compare on each read): the places of the tags it lacks, and of its category if it has none, hold
    /// <see cref="NoRow"/>, whose candidate lists are empty. The candidate lists are read off the indexes and grouped by
    /// post: how many tag lists a post is found in is how many tags it shares (within the lists weighed), so no
    /// candidate's tags are looked up again. The visible ones are ranked by id, and only the three kept have their
    /// summaries read (ordered again, three rows): a ranking that carried every candidate's summary cost a fifth more.
    /// On the 10,000-post benchmark database, in sqlite3, 0.6–0.75 × what counting each candidate's shared tags in the
    /// join table cost (which was about 550–600 µs).
    /// </summary>
    private static readonly CompiledQuery<Func<BlogDbContext, int, DateTime, int, int, int, int, int, int, IAsyncEnumerable<PostSummary>>> OfFixedShape = new(() =>
        EF.CompileAsyncQuery(ContentQueries.InlineVisibility<Func<BlogDbContext, int, DateTime, int, int, int, int, int, int, IQueryable<PostSummary>>>(
            (db, postId, nowUtc, categoryId, tag1, tag2, tag3, tag4, tag5) =>
                db.Posts.AsNoTracking()
                    .Join(
                        db.Posts.VisibleAt(nowUtc)
                            .Join(
                                db.Set<Dictionary<string, object>>(PostTags.Table)
                                    .Where(pt => (int)pt[PostTags.TagId] == tag1 && (int)pt[PostTags.PostId] != postId)
                                    .OrderByDescending(pt => (int)pt[PostTags.PostId]).Take(CandidatesPerTerm).Select(pt => new { PostId = (int)pt[PostTags.PostId], Tag = 1 })
                                    .Concat(db.Set<Dictionary<string, object>>(PostTags.Table)
                                        .Where(pt => (int)pt[PostTags.TagId] == tag2 && (int)pt[PostTags.PostId] != postId)
                                        .OrderByDescending(pt => (int)pt[PostTags.PostId]).Take(CandidatesPerTerm).Select(pt => new { PostId = (int)pt[PostTags.PostId], Tag = 1 }))
                                    .Concat(db.Set<Dictionary<string, object>>(PostTags.Table)
                                        .Where(pt => (int)pt[PostTags.TagId] == tag3 && (int)pt[PostTags.PostId] != postId)
                                        .OrderByDescending(pt => (int)pt[PostTags.PostId]).Take(CandidatesPerTerm).Select(pt => new { PostId = (int)pt[PostTags.PostId], Tag = 1 }))
                                    .Concat(db.Set<Dictionary<string, object>>(PostTags.Table)
                                        .Where(pt => (int)pt[PostTags.TagId] == tag4 && (int)pt[PostTags.PostId] != postId)
                                        .OrderByDescending(pt => (int)pt[PostTags.PostId]).Take(CandidatesPerTerm).Select(pt => new { PostId = (int)pt[PostTags.PostId], Tag = 1 }))
                                    .Concat(db.Set<Dictionary<string, object>>(PostTags.Table)
                                        .Where(pt => (int)pt[PostTags.TagId] == tag5 && (int)pt[PostTags.PostId] != postId)
                                        .OrderByDescending(pt => (int)pt[PostTags.PostId]).Take(CandidatesPerTerm).Select(pt => new { PostId = (int)pt[PostTags.PostId], Tag = 1 }))
                                    .Concat(db.Posts
                                        .Where(c => c.CategoryId == categoryId && c.Id != postId)
                                        .OrderByDescending(c => c.Id).Take(CandidatesPerTerm).Select(c => new { PostId = c.Id, Tag = 0 }))
                                    .GroupBy(c => c.PostId)
                                    .Select(g => new { PostId = g.Key, Shared = g.Sum(c => c.Tag) }),
                                p => p.Id, k => k.PostId,
                                (p, k) => new { PostId = p.Id, k.Shared, SameCategory = p.CategoryId == categoryId, p.PublishedAtUtc })
                            .OrderByDescending(r => r.Shared).ThenByDescending(r => r.SameCategory).ThenByDescending(r => r.PublishedAtUtc).ThenByDescending(r => r.PostId)
                            .Take(Count),
                        p => p.Id, r => r.PostId, (p, r) => new { Post = p, r.Shared, r.SameCategory })
                    .OrderByDescending(x => x.Shared).ThenByDescending(x => x.SameCategory).ThenByDescending(x => x.Post.PublishedAtUtc).ThenByDescending(x => x.Post.Id)
                    .Select(x => x.Post)
                    .Select(ContentQueries.SummaryShape))));
}
