using System.Net;
using Blog.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Comments;

/// <summary>
/// The links of comment emails: confirming that replies may be emailed, and unsubscribing (a page with a button, and
/// RFC 8058's one-click POST that mail programs send from the List-Unsubscribe header). Signed per comment; never cached.
/// </summary>
public static class CommentEndpoints
{
    public static IEndpointRouteBuilder MapComments(this IEndpointRouteBuilder app)
    {
        app.MapGet(SitePaths.CommentRepliesConfirmPattern, async (int id, string signature, BlogDbContext db, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            var settings = await db.CommentSettingsAsync(cancellationToken);
            var comment = await db.Comments.SingleOrDefaultAsync(c => c.Id == id && c.WantsReplies, cancellationToken);
            if (comment is null || !CommentNotifications.IsSigned("confirm", id, signature, settings))
            {
                return Message(StatusCodes.Status404NotFound, "This link is not valid (any more).");
            }

            comment.RepliesConfirmedAtUtc ??= clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);
            return Message(StatusCodes.Status200OK, "Thank you: replies to your comment will be emailed to you. Each email has a link to stop them.");
        });

        app.MapGet(SitePaths.CommentRepliesUnsubscribePattern, async (int id, string signature, BlogDbContext db, CancellationToken cancellationToken) =>
            CommentNotifications.IsSigned("unsubscribe", id, signature, await db.CommentSettingsAsync(cancellationToken))
                ? Message(StatusCodes.Status200OK, "Stop emailing you replies to this comment?",
                    $"<form method=\"post\"><button type=\"submit\" id=\"unsubscribe-submit\">Stop the emails</button></form>")
                : Message(StatusCodes.Status404NotFound, "This link is not valid."));

        app.MapPost(SitePaths.CommentRepliesUnsubscribePattern, async (int id, string signature, BlogDbContext db, CancellationToken cancellationToken) =>
        {
            if (!CommentNotifications.IsSigned("unsubscribe", id, signature, await db.CommentSettingsAsync(cancellationToken)))
            {
                return Message(StatusCodes.Status404NotFound, "This link is not valid.");
            }

            await db.Comments.Where(c => c.Id == id).ExecuteUpdateAsync(u => u.SetProperty(c => c.RepliesConfirmedAtUtc, (DateTime?)null).SetProperty(c => c.WantsReplies, false), cancellationToken);
            return Message(StatusCodes.Status200OK, "Done: no more replies will be emailed to you.");
        }).DisableAntiforgery();

        return app;
    }

    /// <summary>A small page of its own (no layout: these are reached from an email).</summary>
    private static IResult Message(int status, string text, string extra = "") => Results.Content(
        $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"robots\" content=\"noindex\"><title>Comments</title></head><body><main><p id=\"message\">{WebUtility.HtmlEncode(text)}</p>{extra}</main></body></html>",
        "text/html; charset=utf-8", statusCode: status);
}
