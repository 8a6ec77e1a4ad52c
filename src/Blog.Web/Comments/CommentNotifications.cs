using System.Net;
using Blog.Web.Data;
using Blog.Web.Mail;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Comments;

/// <summary>
/// The emails comments cause, added to the caller's unit of work through the <see cref="Outbox"/> (so they commit with
/// the comment or not at all). The owner hears of every new comment that is not spam, with a link into the dashboard
/// (which still asks for her sign-in).
/// </summary>
public sealed class CommentNotifications(BlogDbContext db, Outbox outbox)
{
    public async Task TellOwnerAsync(Comment comment, CommentRequest request, CancellationToken cancellationToken)
    {
        var owner = await db.Users.AsNoTracking().OrderBy(u => u.Id).Select(u => new { u.Email, u.UserName }).FirstOrDefaultAsync(cancellationToken);
        if (owner?.Email is not { Length: > 0 } to)
        {
            return; // no owner yet: nobody to tell
        }

        var held = comment.Status == CommentStatus.Held;
        var link = (request.SiteUrl ?? "") + SitePaths.Admin.Comment(comment.Id);
        var title = request.PostTitle.Length > 0 ? request.PostTitle : request.PostUrl;
        var noun = comment.SourceUrl is null ? "comment" : "webmention";
        var subject = held ? $"A {noun} awaits you on “{title}”" : $"New {noun} on “{title}”";
        var what = held ? "is waiting for you to approve it" : "is shown under the post";
        // A webmention names its source page instead of an email.
        var (who, whoHtml, verb) = comment.SourceUrl is { } source
            ? ($"{comment.AuthorName} ({source})", $"{Encode(comment.AuthorName)} (<a href=\"{Encode(source)}\">{Encode(source)}</a>)", MentionVerb(comment.Kind))
            : ($"{comment.AuthorName} <{comment.AuthorEmail}>", $"{Encode(comment.AuthorName)} &lt;{Encode(comment.AuthorEmail ?? "")}&gt;", "commented on");
        var text = $"{who} {verb} “{title}”; it {what}.\n\n{comment.Text}\n\nModerate it: {link}\n";
        var html = $"<p>{whoHtml} {verb} “<a href=\"{Encode(request.PostUrl)}\">{Encode(title)}</a>”; it {what}.</p>"
            + $"<blockquote>{comment.Html}</blockquote><p><a href=\"{Encode(link)}\">Moderate it in the dashboard</a> (you will be asked to sign in).</p>";
        await outbox.EnqueueAsync(db, new OutgoingEmail(to, subject, html, text, $"comment-owner:{comment.Id}", held ? "comment-held" : "comment-new"), cancellationToken);
    }

    /// <summary>Asks the commenter to confirm, by a signed link, that replies may be emailed to her.</summary>
    public async Task AskToConfirmRepliesAsync(Comment comment, CommentSettings settings, CommentRequest request, CancellationToken cancellationToken)
    {
        if (!comment.WantsReplies || comment.AuthorEmail is not { Length: > 0 } to)
        {
            return;
        }

        var link = (request.SiteUrl ?? "") + SitePaths.CommentRepliesConfirm(comment.Id, Sign("confirm", comment.Id, settings));
        var title = request.PostTitle;
        var text = $"You asked to be told of replies to your comment on “{title}”. Confirm with this link:\n\n{link}\n\nIf it was not you, ignore this email: nothing will be sent.\n";
        var html = $"<p>You asked to be told of replies to your comment on “{Encode(title)}”.</p><p><a href=\"{Encode(link)}\">Yes, email me replies</a></p><p>If it was not you, ignore this email: nothing will be sent.</p>";
        await outbox.EnqueueAsync(db, new OutgoingEmail(to, $"Confirm: replies to your comment on “{title}”", html, text, $"comment-confirm:{comment.Id}", "comment-subscription")
        {
            ToName = comment.AuthorName,
        }, cancellationToken);
    }

    /// <summary>
    /// An approved reply is emailed to the commenter it answers, when she confirmed she wants replies (never to the
    /// reply's own author), with a one-click unsubscribe link and the List-Unsubscribe headers.
    /// </summary>
    public async Task TellSubscriberAsync(Comment reply, CommentSettings settings, string siteUrl, CancellationToken cancellationToken)
    {
        if (reply.Status != CommentStatus.Approved || reply.ParentId is not { } parentId)
        {
            return;
        }

        var parent = await db.Comments.AsNoTracking().Where(c => c.Id == parentId)
            .Select(c => new { c.Id, c.AuthorName, c.AuthorEmail, c.RepliesConfirmedAtUtc, c.Post!.Title, c.Post.Slug }).SingleOrDefaultAsync(cancellationToken);
        if (parent is null || parent.RepliesConfirmedAtUtc is null || parent.AuthorEmail is not { Length: > 0 } to
            || string.Equals(to, reply.AuthorEmail, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var unsubscribe = siteUrl + SitePaths.CommentRepliesUnsubscribe(parent.Id, Sign("unsubscribe", parent.Id, settings));
        var link = siteUrl + SitePaths.PostComment(parent.Slug, reply.Id);
        var text = $"{reply.AuthorName} replied to your comment on “{parent.Title}”:\n\n{reply.Text}\n\nRead it: {link}\n\nNo more of these: {unsubscribe}\n";
        var html = $"<p>{Encode(reply.AuthorName)} replied to your comment on “<a href=\"{Encode(link)}\">{Encode(parent.Title)}</a>”:</p><blockquote>{reply.Html}</blockquote>"
            + $"<p><a href=\"{Encode(unsubscribe)}\">Stop emailing me replies</a></p>";
        await outbox.EnqueueAsync(db, new OutgoingEmail(to, $"A reply to your comment on “{parent.Title}”", html, text, $"comment-reply:{reply.Id}:to:{parent.Id}", "comment-reply")
        {
            ToName = parent.AuthorName,
            Headers = new Dictionary<string, string>
            {
                ["List-Unsubscribe"] = $"<{unsubscribe}>",
                ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
            },
        }, cancellationToken);
    }

    /// <summary>The signature of a confirm or unsubscribe link: an HMAC of what it does and the comment, with the blog's comment secret.</summary>
    public static string Sign(string purpose, int commentId, CommentSettings settings) =>
        Convert.ToHexString(System.Security.Cryptography.HMACSHA256.HashData(
            Convert.FromBase64String(settings.AddressKey), System.Text.Encoding.UTF8.GetBytes($"{purpose}:{commentId}")))[..32].ToLowerInvariant();

    public static bool IsSigned(string purpose, int commentId, string? signature, CommentSettings settings) =>
        signature is { Length: 32 } && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(signature), System.Text.Encoding.ASCII.GetBytes(Sign(purpose, commentId, settings)));

    private static string MentionVerb(CommentKind kind) => kind switch
    {
        CommentKind.Reply => "replied (webmention) to",
        CommentKind.Like => "liked",
        CommentKind.Repost => "reposted",
        _ => "mentioned",
    };

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
