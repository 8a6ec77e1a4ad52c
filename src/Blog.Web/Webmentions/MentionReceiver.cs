using System.Net;
using Blog.Web.Comments;
using Blog.Web.Data;
using Blog.Web.Seo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Blog.Web.Webmentions;

/// <summary>
/// Verifies one received webmention: fetches the source (<see cref="WebFetcher"/>), checks it links to the target, and
/// stores what it says as a comment of its kind under the post, through the comments' moderation (held first; shown at
/// once when a mention from the same site was approved before, unless the author holds everything). A source that no
/// longer links, or is gone (410), takes its earlier mention away: that is how other sites update and delete.
/// </summary>
public sealed class MentionReceiver(BlogDbContext db, WebFetcher fetcher, TimeProvider clock, CommentNotifications notifications, IOptions<WebmentionOptions> options)
{
    private static readonly string[] SourceTypes = ["text/html", "text/plain"];

    /// <summary>What became of it: the row's next state and the words for the dashboard.</summary>
    public async Task<(WebmentionState State, string Outcome)> VerifyAsync(ReceivedWebmention mention, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        var source = new Uri(mention.Source);
        var target = new Uri(mention.Target);
        var fetched = await fetcher.GetAsync(source, SourceTypes, anyType: false, cancellationToken);
        switch (fetched.Status)
        {
            case FetchStatus.Failed:
                return (mention.Attempts >= limits.MaxAttempts ? WebmentionState.Failed : WebmentionState.Pending, "source not fetched: " + fetched.Reason);
            case FetchStatus.Refused:
                return (WebmentionState.Failed, "source refused: " + fetched.Reason);
            case FetchStatus.Gone:
                return (WebmentionState.Done, await RemoveAsync(mention, cancellationToken) ? "the source is gone (410): its mention was removed" : "the source is gone (410)");
        }

        var parsed = MentionParser.Parse(fetched.Body ?? "", fetched.MediaType ?? "", fetched.Url ?? source, target, limits.MaxContentLength);
        if (parsed is null)
        {
            var removed = await RemoveAsync(mention, cancellationToken);
            return (WebmentionState.Failed, removed ? "the source no longer links to the post: its mention was removed" : "the source does not link to the post");
        }

        var settings = await db.CommentSettingsAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var existing = await db.Comments.SingleOrDefaultAsync(c => c.PostId == mention.PostId && c.SourceUrl == mention.Source, cancellationToken);
        var comment = existing ?? new Comment { PostId = mention.PostId, SourceUrl = mention.Source, CreatedAtUtc = parsed.PublishedUtc is { } published && published <= now ? published : now };
        comment.Kind = parsed.Kind;
        comment.AuthorName = parsed.AuthorName;
        comment.AuthorUrl = CommentPosting.NormalizeWebsite(parsed.AuthorUrl);
        comment.Text = parsed.Text;
        comment.Html = parsed.Text.Length == 0 ? "" : $"<p>{WebUtility.HtmlEncode(parsed.Text)}</p>";
        if (existing is not null)
        {
            await db.SaveChangesAsync(cancellationToken); // keeps its state: an approved mention stays shown, updated
            return (WebmentionState.Done, $"updated ({Describe(comment.Kind)})");
        }

        comment.Status = await DecideAsync(settings, comment, source, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Comments.Add(comment);
        await db.SaveChangesAsync(cancellationToken);
        if (comment.Status != CommentStatus.Spam)
        {
            var post = await db.Posts.AsNoTracking().Where(p => p.Id == mention.PostId).Select(p => new { p.Title, p.Slug }).SingleAsync(cancellationToken);
            var siteUrl = await SiteUrlAsync(target, cancellationToken);
            await notifications.TellOwnerAsync(comment, new CommentRequest(null, null, null, siteUrl, siteUrl + SitePaths.Post(post.Slug), post.Title), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return (WebmentionState.Done, $"stored as {Describe(comment.Kind)}, {comment.Status.ToString().ToLowerInvariant()}");
    }

    /// <summary>Same rules as comments, by site rather than email: blocked words → spam; "hold every" → held; a site approved before → shown.</summary>
    private async Task<CommentStatus> DecideAsync(CommentSettings settings, Comment comment, Uri source, CancellationToken cancellationToken)
    {
        var all = string.Join('\n', comment.AuthorName, comment.AuthorUrl, comment.Text, comment.SourceUrl);
        if (settings.BlockedWordList.Any(word => all.Contains(word, StringComparison.OrdinalIgnoreCase)))
        {
            return CommentStatus.Spam;
        }

        if (settings.HoldEvery)
        {
            return CommentStatus.Held;
        }

        var site = source.GetLeftPart(UriPartial.Authority) + "/";
        var known = await db.Comments.AnyAsync(c => c.SourceUrl != null && c.SourceUrl.StartsWith(site) && c.Status == CommentStatus.Approved, cancellationToken);
        return known ? CommentStatus.Approved : CommentStatus.Held;
    }

    private async Task<bool> RemoveAsync(ReceivedWebmention mention, CancellationToken cancellationToken)
    {
        // Tracked, so an approved mention's removal evicts its post's page.
        var existing = await db.Comments.Where(c => c.PostId == mention.PostId && c.SourceUrl == mention.Source).ToListAsync(cancellationToken);
        db.Comments.RemoveRange(existing);
        await db.SaveChangesAsync(cancellationToken);
        return existing.Count > 0;
    }

    private async Task<string> SiteUrlAsync(Uri target, CancellationToken cancellationToken)
    {
        var baseUrl = await db.SiteSettings.AsNoTracking().Select(s => s.BaseUrl).SingleOrDefaultAsync(cancellationToken);
        return SiteAddress.IsValidBaseUrl(baseUrl) ? baseUrl!.TrimEnd('/') : target.GetLeftPart(UriPartial.Authority);
    }

    public static string Describe(CommentKind kind) => kind switch
    {
        CommentKind.Reply => "a reply",
        CommentKind.Like => "a like",
        CommentKind.Repost => "a repost",
        _ => "a mention",
    };
}
