using Blog.Web.Data;
using Blog.Web.Settings;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Comments;

/// <summary>What the author can do to comments in the queue, one at a time or several at once.</summary>
public enum ModerationAction
{
    Approve,
    Hold,
    Spam,
    Trash,
    Delete,
}

/// <summary>
/// The author's side of comments: moving them between held, approved, spam and trash, deleting, editing, and
/// replying as herself. Tracked saves, so each change evicts only the pages it alters (a held comment moved to spam,
/// none; an approval, its post's page).
/// </summary>
public sealed class CommentModeration(BlogDbContext db, TimeProvider clock, SiteContext site, CommentNotifications notifications)
{
    /// <summary>Applies <paramref name="action"/> to the comments with these ids; returns how many it changed.</summary>
    /// <param name="siteUrl">The blog's absolute address, for the links of the emails an approval sends (a reply to a subscriber).</param>
    public async Task<int> ApplyAsync(ModerationAction action, IReadOnlyCollection<int> ids, string siteUrl, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return 0;
        }

        var comments = await db.Comments.Where(c => ids.Contains(c.Id)).ToListAsync(cancellationToken);
        foreach (var comment in comments)
        {
            if (action == ModerationAction.Delete)
            {
                db.Comments.Remove(comment);
                continue;
            }

            var wasApproved = comment.Status == CommentStatus.Approved;
            comment.Status = action switch
            {
                ModerationAction.Approve => CommentStatus.Approved,
                ModerationAction.Hold => CommentStatus.Held,
                ModerationAction.Spam => CommentStatus.Spam,
                _ => CommentStatus.Trash,
            };
            if (!wasApproved && comment.Status == CommentStatus.Approved)
            {
                // Saved with the approval: the subscriber's email commits with it.
                await notifications.TellSubscriberAsync(comment, await db.CommentSettingsAsync(cancellationToken), siteUrl, cancellationToken);
            }
        }

        if (action == ModerationAction.Delete)
        {
            // Their replies stay, as comments of their own (the foreign key sets their parent to none).
            var deleted = comments.Select(c => c.Id).ToList();
            foreach (var reply in await db.Comments.Where(c => c.ParentId != null && deleted.Contains(c.ParentId.Value)).ToListAsync(cancellationToken))
            {
                reply.ParentId = null;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return comments.Count;
    }

    /// <summary>Changes what a comment says (and who it is from); the Markdown is rendered and sanitized again.</summary>
    public async Task<bool> EditAsync(int id, string name, string? email, string? website, string text, CancellationToken cancellationToken)
    {
        var comment = await db.Comments.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (comment is null)
        {
            return false;
        }

        (comment.AuthorName, comment.AuthorEmail, comment.AuthorUrl) = (name.Trim(), string.IsNullOrWhiteSpace(email) ? null : email.Trim(), CommentPosting.NormalizeWebsite(website));
        comment.Text = text.Trim();
        comment.Html = CommentMarkdown.Render(comment.Text);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// The author answers a comment: her reply is approved and marked as hers, and answering approves the comment it
    /// answers (replying to a held comment is taken as approving it).
    /// </summary>
    public async Task<Comment?> ReplyAsync(int id, string text, string siteUrl, CancellationToken cancellationToken)
    {
        var parent = await db.Comments.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (parent is null)
        {
            return null;
        }

        parent.Status = CommentStatus.Approved;
        var chrome = await site.GetAsync(cancellationToken);
        var reply = new Comment
        {
            PostId = parent.PostId,
            ParentId = parent.ParentId ?? parent.Id,
            Status = CommentStatus.Approved,
            IsOwner = true,
            AuthorName = chrome.Settings.AuthorName,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            Text = text.Trim(),
            Html = CommentMarkdown.Render(text.Trim()),
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Comments.Add(reply);
        await db.SaveChangesAsync(cancellationToken);
        await notifications.TellSubscriberAsync(reply, await db.CommentSettingsAsync(cancellationToken), siteUrl, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return reply;
    }
}
