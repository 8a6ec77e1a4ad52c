using Blog.Web.Posts;

namespace Blog.Web.Comments;

/// <summary>What a post page (or the comment form page) shows of comments: the threads, the count, and the form if the post takes comments.</summary>
/// <param name="Token">The form's signed token; null when comments are closed.</param>
/// <param name="ReplyTo">The comment the form answers (the form page's), or none.</param>
/// <param name="Responses">Everything approved under the post: the threads, and webmentions that are not replies (likes, reposts, mentions).</param>
/// <param name="TakesWebmentions">The post takes webmentions: its page advertises the endpoint.</param>
public sealed record CommentSection(
    string Slug, IReadOnlyList<CommentThread> Threads, int Count, bool Open, string? Token, CommentView? ReplyTo, PostResponses Responses, bool TakesWebmentions)
{
    public static async Task<CommentSection> LoadAsync(
        CommentThreads threads, CommentFormToken tokens, PostView post, DateTime nowUtc, int? replyTo, CancellationToken cancellationToken)
    {
        var responses = await threads.ForPostAsync(post.Id, cancellationToken);
        var all = responses.Threads;
        var settings = await threads.SettingsAsync(cancellationToken);
        var open = settings.AreOpen(post.CommentsClosed, post.PublishedAtUtc, nowUtc);
        var answered = replyTo is { } id
            ? all.SelectMany(t => t.Replies.Prepend(t.Comment)).FirstOrDefault(c => c.Id == id)
            : null;
        return new CommentSection(post.Card.Slug, all, all.Sum(t => 1 + t.Replies.Count), open, open ? tokens.Issue(post.Id, settings) : null, answered,
            responses, open && settings.Webmentions);
    }

    /// <summary>The top-level comment a reply to <paramref name="id"/> goes under (replies are one level deep).</summary>
    public int ThreadOf(int id) => Threads.FirstOrDefault(t => t.Comment.Id == id || t.Replies.Any(r => r.Id == id))?.Comment.Id ?? id;
}
