using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Blog.Web.Comments;
using Blog.Web.Data;
using Blog.Web.Posts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Blog.Web.Webmentions;

/// <summary>
/// The sending side: <see cref="QueueAsync"/> notes, when a post is published or saved while published, each link of its
/// text to another site (and each link the save removed) as a row to send; <see cref="SendAsync"/> then discovers the
/// target's endpoint (the <c>Link</c> header first, then the first <c>&lt;link&gt;</c> or <c>&lt;a&gt;</c> with
/// <c>rel="webmention"</c>) and posts <c>source</c> and <c>target</c> to it, every fetch through the address guard.
/// </summary>
public sealed partial class MentionSender(
    BlogDbContext db, WebFetcher fetcher, TimeProvider clock, WebmentionSignal signal, AfterCommit afterCommit, IOptions<WebmentionOptions> options)
{
    private static readonly HtmlParser Parser = new(new HtmlParserOptions { IsScripting = false });

    private static readonly string[] PageTypes = ["text/html"];

    /// <summary>
    /// Queues the webmentions a save of <paramref name="post"/> calls for (saved with the caller's next save). Nothing for
    /// a draft, nor when the same text was queued before. A scheduled post's are due when it appears.
    /// </summary>
    /// <returns>How many were queued.</returns>
    public async Task<int> QueueAsync(Post post, string siteOrigin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(post);
        if (post.Status == PublishStatus.Draft || post.DeletedAtUtc is not null || post.PublishedAtUtc is not { } publishedAt
            || !(await db.CommentSettingsAsync(cancellationToken)).Webmentions)
        {
            return 0;
        }

        var site = new Uri(siteOrigin.TrimEnd('/') + "/");
        var version = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(post.BodyHtml)))[..32];
        var links = OutgoingLinks(post.BodyHtml, site);
        var earlier = await db.OutgoingWebmentions.AsNoTracking().Where(w => w.PostId == post.Id)
            .Select(w => new { w.Target, w.Removed, w.Id, w.ContentVersion }).ToListAsync(cancellationToken);
        if (earlier.Any(w => w.ContentVersion == version))
        {
            return 0; // this text was queued before (saved again unchanged, or published again)
        }

        // A link whose latest row says it was in the post, and that is gone now, is sent once more so the target can update.
        var removed = earlier.GroupBy(w => w.Target).Select(g => g.MaxBy(w => w.Id)!)
            .Where(w => !w.Removed && !links.Contains(w.Target)).Select(w => w.Target);
        var now = clock.GetUtcNow().UtcDateTime;
        var due = publishedAt > now ? publishedAt : now;
        var source = new Uri(site, SitePaths.Post(post.Slug).TrimStart('/')).AbsoluteUri;
        var count = 0;
        foreach (var (target, gone) in links.Select(l => (l, false)).Concat(removed.Select(r => (r, true))))
        {
            db.OutgoingWebmentions.Add(new OutgoingWebmention
            {
                PostId = post.Id, Source = source, Target = target, ContentVersion = version, Removed = gone, CreatedAtUtc = now, NextAttemptAt = due,
            });
            count++;
        }

        if (count > 0)
        {
            db.SavedChanges -= Wake;
            db.SavedChanges += Wake;
        }

        return count;
    }

    /// <summary>The absolute http(s) links of a rendered body that leave this site, without fragments, once each.</summary>
    public static IReadOnlySet<string> OutgoingLinks(string html, Uri site)
    {
        var links = new HashSet<string>(StringComparer.Ordinal);
        foreach (var anchor in Parser.ParseDocument(html).QuerySelectorAll("a[href]"))
        {
            if (Uri.TryCreate(anchor.GetAttribute("href")?.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                && !(string.Equals(uri.Host, site.Host, StringComparison.OrdinalIgnoreCase) && uri.Port == site.Port)
                && uri.AbsoluteUri.Length <= Comment.MaxSourceUrlLength)
            {
                links.Add(uri.GetLeftPart(UriPartial.Query));
            }
        }

        return links;
    }

    /// <summary>Sends one queued webmention; the row's next state and the words for the author.</summary>
    public async Task<(WebmentionState State, string Outcome, string? Endpoint, int? StatusCode)> SendAsync(OutgoingWebmention mention, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (!await db.Posts.AsNoTracking().VisibleAt(now).AnyAsync(p => p.Id == mention.PostId, cancellationToken))
        {
            return (WebmentionState.Skipped, "the post is not published", null, null);
        }

        var limits = options.Value;
        var retry = mention.Attempts >= limits.MaxAttempts ? WebmentionState.Failed : WebmentionState.Pending;
        var target = new Uri(mention.Target);
        var page = await fetcher.GetAsync(target, PageTypes, anyType: true, cancellationToken);
        switch (page.Status)
        {
            case FetchStatus.Failed:
                return (retry, "target not fetched: " + page.Reason, null, null);
            case FetchStatus.Refused or FetchStatus.Gone:
                return (WebmentionState.Failed, "target refused: " + page.Reason, null, null);
        }

        var endpoint = Discover(page);
        if (endpoint is null)
        {
            return (WebmentionState.Skipped, "no webmention endpoint", null, null);
        }

        var (status, reason) = await fetcher.PostFormAsync(endpoint, new Dictionary<string, string> { ["source"] = mention.Source, ["target"] = mention.Target }, cancellationToken);
        return status switch
        {
            >= 200 and < 300 => (WebmentionState.Done, reason, endpoint.AbsoluteUri, status),
            null or >= 500 or 429 => (retry, reason, endpoint.AbsoluteUri, status),
            _ => (WebmentionState.Failed, reason, endpoint.AbsoluteUri, status),
        };
    }

    /// <summary>The endpoint a page advertises: its <c>Link</c> header first, then the first link element or anchor, resolved against the page.</summary>
    public static Uri? Discover(FetchResult page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var baseUri = page.Url!;
        foreach (var header in page.Links ?? [])
        {
            foreach (Match link in LinkValue().Matches(header))
            {
                var rel = RelParameter().Match(link.Groups["params"].Value);
                if (rel.Success && IsWebmentionRel(rel.Groups["rel"].Value) && MentionParser.Resolve(baseUri, link.Groups["url"].Value) is { } found)
                {
                    return found;
                }
            }
        }

        if (page.Body is null)
        {
            return null;
        }

        var element = Parser.ParseDocument(page.Body).QuerySelectorAll("link[href][rel], a[href][rel]")
            .FirstOrDefault(e => IsWebmentionRel(e.GetAttribute("rel")));
        return element is null ? null : MentionParser.Resolve(baseUri, element.GetAttribute("href"));
    }

    private static bool IsWebmentionRel(string? rel) =>
        (rel ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(r => r.Equals("webmention", StringComparison.OrdinalIgnoreCase));

    /// <summary>Wakes the worker once the queued rows can be seen: after the editor's transaction commits.</summary>
    private void Wake(object? sender, SavedChangesEventArgs e)
    {
        db.SavedChanges -= Wake;
        afterCommit.Run(db, signal.Wake);
    }

    [GeneratedRegex(@"<(?<url>[^>]*)>(?<params>[^,]*(?:""[^""]*""[^,]*)*)")]
    private static partial Regex LinkValue();

    [GeneratedRegex(@";\s*rel\s*=\s*(?:""(?<rel>[^""]*)""|(?<rel>[^;,\s]+))", RegexOptions.IgnoreCase)]
    private static partial Regex RelParameter();
}
