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
        var subject = held ? $"A comment awaits you on “{title}”" : $"New comment on “{title}”";
        var what = held ? "is waiting for you to approve it" : "is shown under the post";
        var text = $"{comment.AuthorName} <{comment.AuthorEmail}> commented on “{title}”; it {what}.\n\n{comment.Text}\n\nModerate it: {link}\n";
        var html = $"<p>{Encode(comment.AuthorName)} &lt;{Encode(comment.AuthorEmail ?? "")}&gt; commented on “<a href=\"{Encode(request.PostUrl)}\">{Encode(title)}</a>”; it {what}.</p>"
            + $"<blockquote>{comment.Html}</blockquote><p><a href=\"{Encode(link)}\">Moderate it in the dashboard</a> (you will be asked to sign in).</p>";
        await outbox.EnqueueAsync(db, new OutgoingEmail(to, subject, html, text, $"comment-owner:{comment.Id}", held ? "comment-held" : "comment-new"), cancellationToken);
    }

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
