using Blog.Web.Comments;

namespace Blog.Web.Portability;

/// <summary>
/// How a webmention travels in a WXR file, as WordPress's Webmention plugin (with Semantic Linkbacks) keeps one: a
/// comment of type <c>webmention</c> whose source address and kind are comment meta. Written by our export, read by
/// our import, so a like stays a like rather than becoming an empty comment.
/// </summary>
public static class WxrWebmentions
{
    public const string CommentType = "webmention";

    public const string SourceMeta = "webmention_source_url";

    public const string KindMeta = "semantic_linkbacks_type";

    public static string KindName(CommentKind kind) => kind switch
    {
        CommentKind.Reply => "reply",
        CommentKind.Like => "like",
        CommentKind.Repost => "repost",
        _ => "mention",
    };

    /// <summary>The kind a meta value names; a mention for anything else (WordPress knows more kinds than we show).</summary>
    public static CommentKind Kind(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "reply" or "comment" => CommentKind.Reply,
        "like" or "favorite" => CommentKind.Like,
        "repost" => CommentKind.Repost,
        _ => CommentKind.Mention,
    };
}
