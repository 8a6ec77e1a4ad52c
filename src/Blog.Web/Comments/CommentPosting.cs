using System.Security.Cryptography;
using System.Text;
using Blog.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Comments;

/// <summary>What became of a comment a reader sent.</summary>
public enum PostingOutcome
{
    /// <summary>Approved and shown at once.</summary>
    Shown,

    /// <summary>Waiting for the author. (Spam is answered the same way: a robot learns nothing.)</summary>
    Held,

    /// <summary>Not taken; the message says why and the form is shown again.</summary>
    Refused,
}

public sealed record PostingResult(PostingOutcome Outcome, int StatusCode = 200, string? Message = null, Comment? Comment = null);

/// <summary>The facts about the request a decision may use: never the raw address beyond this call.</summary>
/// <param name="SiteUrl">The blog's absolute address (no trailing slash), for links in emails.</param>
public sealed record CommentRequest(string? RemoteAddress, string? UserAgent, string? Referrer, string? SiteUrl, string PostUrl, string PostTitle = "");

/// <summary>
/// Takes a reader's comment: refuses what must be refused (closed post, a stale or forged form, too many from one
/// address), then decides whether it is shown at once, held for the author or set aside as spam, and saves it. The
/// rules, in order: honeypot or blocked word → spam; Akismet (when a key is set) says spam → spam; "hold every
/// comment" → held; more links than allowed → held; an email with an approved comment before → shown; else held.
/// </summary>
public sealed class CommentPosting(
    BlogDbContext db, CommentFormToken tokens, TimeProvider clock, AkismetClient akismet, CommentNotifications notifications)
{
    public async Task<PostingResult> PostAsync(int postId, bool open, CommentInput input, CommentRequest request, CancellationToken cancellationToken)
    {
        if (!open)
        {
            return new PostingResult(PostingOutcome.Refused, StatusCodes.Status403Forbidden, "Comments are closed on this post.");
        }

        var settings = await db.CommentSettingsAsync(cancellationToken);
        switch (tokens.Check(input.Token, postId, settings))
        {
            case TokenCheck.Invalid:
                return new PostingResult(PostingOutcome.Refused, StatusCodes.Status400BadRequest, "This form could not be checked. Please send your comment again.");
            case TokenCheck.Expired:
                return new PostingResult(PostingOutcome.Refused, StatusCodes.Status400BadRequest, "This page was open a long time. Please send your comment again.");
            case TokenCheck.TooFast:
                return new PostingResult(PostingOutcome.Refused, StatusCodes.Status400BadRequest, "That was very quick. Please take a moment, then send your comment again.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var ipHash = HashAddress(settings, request.RemoteAddress);
        if (ipHash is not null && settings.MaxPerAddressPerHour > 0)
        {
            var since = now.AddHours(-1);
            var recent = await db.Comments.CountAsync(c => c.IpHash == ipHash && c.CreatedAtUtc > since, cancellationToken);
            if (recent >= settings.MaxPerAddressPerHour)
            {
                return new PostingResult(PostingOutcome.Refused, StatusCodes.Status429TooManyRequests, "Too many comments from your address in the last hour. Please try again later.");
            }
        }

        int? parentId = null;
        if (input.ParentId is { } wanted)
        {
            var parent = await db.Comments.AsNoTracking().Where(c => c.Id == wanted && c.PostId == postId && c.Status == CommentStatus.Approved)
                .Select(c => new { c.Id, c.ParentId }).SingleOrDefaultAsync(cancellationToken);
            if (parent is null)
            {
                return new PostingResult(PostingOutcome.Refused, StatusCodes.Status400BadRequest, "The comment you answer is not there any more.");
            }

            parentId = parent.ParentId ?? parent.Id; // replies stay one level deep
        }

        var email = input.Email.Trim();
        var website = NormalizeWebsite(input.Website);
        var comment = new Comment
        {
            PostId = postId,
            ParentId = parentId,
            AuthorName = input.Name.Trim(),
            AuthorEmail = email,
            AuthorUrl = website,
            CreatedAtUtc = now,
            Text = input.Text.Trim(),
            Html = CommentMarkdown.Render(input.Text.Trim()),
            IpHash = ipHash,
            WantsReplies = input.NotifyReplies,
            UserAgent = request.UserAgent is { } agent ? agent[..Math.Min(agent.Length, 300)] : null,
        };

        comment.Status = await DecideAsync(settings, comment, input, request, cancellationToken);

        // The comment and the owner's email commit together, or neither does.
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            db.Comments.Add(comment);
            await db.SaveChangesAsync(cancellationToken);
            if (comment.Status is CommentStatus.Held or CommentStatus.Approved)
            {
                await notifications.TellOwnerAsync(comment, request, cancellationToken);
                await notifications.AskToConfirmRepliesAsync(comment, settings, request, cancellationToken);
                await notifications.TellSubscriberAsync(comment, settings, request.SiteUrl ?? "", cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        return comment.Status == CommentStatus.Approved
            ? new PostingResult(PostingOutcome.Shown, Comment: comment)
            : new PostingResult(PostingOutcome.Held, Comment: comment);
    }

    private async Task<CommentStatus> DecideAsync(CommentSettings settings, Comment comment, CommentInput input, CommentRequest request, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(input.Homepage) || ContainsBlockedWord(settings, comment))
        {
            return CommentStatus.Spam;
        }

        var akismetSays = string.IsNullOrWhiteSpace(settings.AkismetKey) ? false
            : await akismet.IsSpamAsync(settings.AkismetKey, comment, request, cancellationToken);
        if (akismetSays == true)
        {
            return CommentStatus.Spam;
        }

        if (akismetSays is null || settings.HoldEvery || CommentMarkdown.CountLinks(comment.Text) > settings.MaxLinks)
        {
            return CommentStatus.Held;
        }

        // The email column compares without case (NOCASE), as addresses are used.
        var email = comment.AuthorEmail;
        var known = await db.Comments.AnyAsync(c => c.AuthorEmail == email && c.Status == CommentStatus.Approved && !c.IsOwner, cancellationToken);
        return known ? CommentStatus.Approved : CommentStatus.Held;
    }

    private static bool ContainsBlockedWord(CommentSettings settings, Comment comment)
    {
        var all = string.Join('\n', comment.AuthorName, comment.AuthorEmail, comment.AuthorUrl, comment.Text);
        return settings.BlockedWordList.Any(word => all.Contains(word, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>A web address with its scheme, or nothing: a reader's "example.com" becomes "https://example.com".</summary>
    public static string? NormalizeWebsite(string? website)
    {
        if (string.IsNullOrWhiteSpace(website))
        {
            return null;
        }

        var trimmed = website.Trim();
        if (!trimmed.Contains("://", StringComparison.Ordinal))
        {
            trimmed = "https://" + trimmed;
        }

        return Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.AbsoluteUri.Length <= Comment.MaxUrlLength
            ? uri.AbsoluteUri
            : null;
    }

    /// <summary>The sender's address, hashed with the blog's own secret: enough to count per address, useless to anyone else.</summary>
    internal static string? HashAddress(CommentSettings settings, string? address) =>
        string.IsNullOrEmpty(address) ? null
            : Convert.ToHexString(HMACSHA256.HashData(Convert.FromBase64String(settings.AddressKey), Encoding.UTF8.GetBytes(address)))[..32];
}
