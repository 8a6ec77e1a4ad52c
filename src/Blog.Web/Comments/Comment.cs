using Blog.Web.Data;
using Blog.Web.Posts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Blog.Web.Comments;

/// <summary>Where a comment stands: only <see cref="Approved"/> ones are ever shown to readers.</summary>
public enum CommentStatus
{
    Held = 0,
    Approved = 1,
    Spam = 2,
    Trash = 3,
}

/// <summary>What a response is: a comment written here, or a webmention from another site (by its microformats).</summary>
public enum CommentKind
{
    Comment = 0,

    /// <summary>A post elsewhere answering this one (<c>u-in-reply-to</c>): shown among the comments.</summary>
    Reply = 1,

    /// <summary><c>u-like-of</c>: shown in the row of likes.</summary>
    Like = 2,

    /// <summary><c>u-repost-of</c>: shown in the row of reposts.</summary>
    Repost = 3,

    /// <summary>Any other page linking to the post: shown in the short list of mentions.</summary>
    Mention = 4,
}

/// <summary>
/// A reader's comment (or the author's reply) under a post: written here, or brought over from the old blog. The email
/// is the owner's to see only: no page, feed or public file ever carries it. Saving one evicts only its post's page,
/// and only when the change is one readers can see (<see cref="IChangesSomePages"/>).
/// </summary>
public sealed class Comment : IChangesSomePages
{
    public const int MaxNameLength = 100;
    public const int MaxEmailLength = 254;
    public const int MaxUrlLength = 300;
    public const int MaxTextLength = 5000;

    public const int MaxSourceUrlLength = 2000;

    /// <summary>Whether <paramref name="url"/> can be a webmention's source: an absolute http(s) address that fits its column.</summary>
    public static bool IsWebmentionSource([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? url) =>
        url is { Length: > 0 and <= MaxSourceUrlLength } && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0;

    public int Id { get; private set; }

    public int PostId { get; set; }

    public Post? Post { get; set; }

    /// <summary>The comment it answers (always a top-level one: replies are one level deep), or none.</summary>
    public int? ParentId { get; set; }

    public Comment? Parent { get; set; }

    public CommentStatus Status { get; set; }

    public string AuthorName { get; set; } = "";

    public string? AuthorEmail { get; set; }

    public string? AuthorUrl { get; set; }

    /// <summary>The author's own reply, written from the dashboard: marked as hers under the post.</summary>
    public bool IsOwner { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>The comment as written: light Markdown here; HTML or plain text when it came from an import.</summary>
    public string Text { get; set; } = "";

    /// <summary>What readers see: <see cref="Text"/> rendered and sanitized when it was saved (empty for comments imported before this was kept).</summary>
    public string Html { get; set; } = "";

    /// <summary>A keyed hash of the address it was sent from (never the address itself), for the per-address rate limit.</summary>
    public string? IpHash { get; set; }

    public string? UserAgent { get; set; }

    /// <summary>The commenter asked to be told of replies (by email, once confirmed).</summary>
    public bool WantsReplies { get; set; }

    /// <summary>When the commenter confirmed, from the emailed link, that replies may be sent; cleared by unsubscribing.</summary>
    public DateTime? RepliesConfirmedAtUtc { get; set; }

    /// <summary>A comment written here, or which kind of webmention it is.</summary>
    public CommentKind Kind { get; set; }

    /// <summary>For a webmention: the page on another site that links here (one mention per source and post).</summary>
    public string? SourceUrl { get; set; }

    /// <summary>Its id on the blog it came from, so a second import does not add it twice.</summary>
    public string? OriginalId { get; set; }

    /// <summary>Readers see a change only when the comment was or is approved; then only its post's page changes.</summary>
    public IEnumerable<string> PagesChangedBy(EntityEntry entry)
    {
        var wasShown = entry.State is not EntityState.Added
            && entry.Property(nameof(Status)).OriginalValue is CommentStatus.Approved;
        var isShown = entry.State is not EntityState.Deleted && Status == CommentStatus.Approved;
        return wasShown || isShown ? [ReaderPages.Post(PostId)] : [];
    }
}
