using Blog.Web.Posts;

namespace Blog.Web.Portability;

/// <summary>
/// A reader's comment brought over from the old blog. The blog does not show comments yet; they are kept so that
/// moving in loses nothing, and so that an export carries them on.
/// </summary>
public sealed class Comment
{
    public int Id { get; private set; }

    public int PostId { get; set; }

    public Post? Post { get; set; }

    public string AuthorName { get; set; } = "";

    public string? AuthorEmail { get; set; }

    public string? AuthorUrl { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>The comment as it came, HTML or plain text; it is sanitized when it is ever shown.</summary>
    public string Content { get; set; } = "";

    public bool Approved { get; set; }

    /// <summary>Its id on the blog it came from, so a second import does not add it twice.</summary>
    public string? OriginalId { get; set; }
}
