using Blog.Web.Data;

namespace Blog.Web.Posts;

/// <summary>
/// The join table between posts and tags (EF Core's shared-type entity, no class of its own): its names written once,
/// for the model configuration and the queries that read it straight off its (tag, post) index.
/// </summary>
public static class PostTags
{
    public const string Table = "PostTags";

    public const string TagId = "TagsId";

    public const string PostId = "PostsId";

    public static IQueryable<Dictionary<string, object>> PostTagRows(this BlogDbContext db) => db.Set<Dictionary<string, object>>(Table);

    /// <summary>The ids of the posts carrying the tag, read off the join table's tag index.</summary>
    public static IQueryable<int> PostIdsTagged(this BlogDbContext db, int tagId) =>
        db.PostTagRows().Where(pt => (int)pt[TagId] == tagId).Select(pt => (int)pt[PostId]);
}
