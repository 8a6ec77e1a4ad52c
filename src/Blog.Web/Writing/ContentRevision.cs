using Blog.Web.Data;
using Blog.Web.Posts;
using Blog.Web.StaticPages;

namespace Blog.Web.Writing;

/// <summary>
/// A saved version of a post or page. Every save records one, so an earlier text is never lost: the history
/// lists them, compares any of them with the current text, and restores one as a new revision.
/// </summary>
[HiddenFromReaders]
public sealed class ContentRevision
{
    public int Id { get; private set; }

    public int? PostId { get; private set; }

    public int? StaticPageId { get; private set; }

    /// <summary>The content's <see cref="PublishableContent.Version"/> this revision recorded.</summary>
    public int Version { get; private set; }

    public string Title { get; private set; } = "";

    public string BodyMarkdown { get; private set; } = "";

    public string? Excerpt { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    /// <summary>What the save was: "Saved", "Published", "Restored revision 3", …</summary>
    public string Note { get; private set; } = "";

    private ContentRevision()
    {
    }

    public static ContentRevision Of(PublishableContent content, string note, DateTime nowUtc) => new()
    {
        PostId = content is Post ? content.Id : null,
        StaticPageId = content is StaticPage ? content.Id : null,
        Version = content.Version,
        Title = content.Title,
        BodyMarkdown = content.BodyMarkdown,
        Excerpt = (content as Post)?.Excerpt,
        CreatedAtUtc = nowUtc,
        Note = note,
    };

    /// <summary>Attaches a revision of content saved for the first time, whose id is not known yet.</summary>
    public static ContentRevision OfUnsaved(Post post, string note, DateTime nowUtc)
    {
        var revision = Of(post, note, nowUtc);
        revision.Post = post;
        return revision;
    }

    public static ContentRevision OfUnsaved(StaticPage page, string note, DateTime nowUtc)
    {
        var revision = Of(page, note, nowUtc);
        revision.StaticPage = page;
        return revision;
    }

    public Post? Post { get; private set; }

    public StaticPage? StaticPage { get; private set; }
}
