using Blog.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Blog.Web.Comments;

/// <summary>One approved comment as readers see it: never its email.</summary>
/// <param name="Kind">A comment written here, or a webmention's kind.</param>
/// <param name="SourceUrl">For a webmention: the page on another site it came from.</param>
/// <param name="Summary">For a mention: its plain text (the page's title or the start of its text).</param>
public sealed record CommentView(
    int Id, string AuthorName, string? AuthorUrl, bool IsOwner, DateTime CreatedAtUtc, string Html,
    CommentKind Kind = CommentKind.Comment, string? SourceUrl = null, string Summary = "")
{
    /// <summary>A reader's website, only when it is a web address (never <c>javascript:</c>).</summary>
    public string? SafeUrl => Safe(AuthorUrl);

    /// <summary>The webmention's source page, only when it is a web address.</summary>
    public string? SafeSourceUrl => Safe(SourceUrl);

    /// <summary>The source's host, for "via example.com".</summary>
    public string? SourceHost => SafeSourceUrl is { } url ? new Uri(url).Host : null;

    private static string? Safe(string? url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri.AbsoluteUri : null;
}

/// <summary>What a post shows of its responses: comment threads (webmention replies among them) and the other webmentions (likes, reposts, mentions), oldest first.</summary>
public sealed record PostResponses(IReadOnlyList<CommentThread> Threads, IReadOnlyList<CommentView> Reactions)
{
    public IReadOnlyList<CommentView> Likes => [.. Reactions.Where(r => r.Kind == CommentKind.Like)];

    public IReadOnlyList<CommentView> Reposts => [.. Reactions.Where(r => r.Kind == CommentKind.Repost)];

    public IReadOnlyList<CommentView> Mentions => [.. Reactions.Where(r => r.Kind == CommentKind.Mention)];
}

/// <summary>A top-level comment with its replies (one level deep), oldest first.</summary>
public sealed record CommentThread(CommentView Comment, IReadOnlyList<CommentView> Replies);

/// <summary>What the post page shows of its comments, and whether it takes new ones.</summary>
public sealed record PostComments(IReadOnlyList<CommentThread> Threads, int Count, bool Open)
{
    public static readonly PostComments None = new([], 0, false);
}

/// <summary>
/// The approved comments of each post, read once and kept until one of them changes (an approval evicts only that
/// post's entry, as it evicts only that post's page), so a post page rendered outside the page cache runs no comment
/// query. Bounded in bytes.
/// </summary>
public sealed class CommentThreads(IServiceScopeFactory scopes) : IContentChangeListener, IDisposable
{
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 8 * 1024 * 1024 });
    private const string SettingsKey = "settings";
    private long changes;

    /// <summary>The comment settings, kept until a save changes content (a change to them evicts every page).</summary>
    public async Task<CommentSettings> SettingsAsync(CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(SettingsKey, out CommentSettings? kept))
        {
            return kept!;
        }

        var seen = Interlocked.Read(ref changes);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BlogDbContext>();
        var settings = await db.CommentSettingsAsync(cancellationToken); // made once, with the blog's comment secret
        if (Interlocked.Read(ref changes) == seen)
        {
            cache.Set(SettingsKey, settings, new MemoryCacheEntryOptions { Size = 1024 + (2L * (settings.BlockedWords?.Length ?? 0)) });
        }

        return settings;
    }

    public async Task<PostResponses> ForPostAsync(int postId, CancellationToken cancellationToken)
    {
        var key = ReaderPages.Post(postId);
        if (cache.TryGetValue(key, out PostResponses? kept))
        {
            return kept!;
        }

        var seen = Interlocked.Read(ref changes);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BlogDbContext>();
        List<CommentRow> rows = [];
        await foreach (var row in ApprovedOf.For(db)(db, postId).WithCancellation(cancellationToken))
        {
            rows.Add(row);
        }

        var views = rows.ToDictionary(r => r.Id, r => new CommentView(
            r.Id, r.AuthorName, r.AuthorUrl, r.IsOwner, r.CreatedAtUtc, r.Html.Length > 0 || r.SourceUrl is not null ? r.Html : CommentMarkdown.RenderImported(r.Text), r.Kind, r.SourceUrl,
            r.Kind == CommentKind.Mention ? TextOf(r.Text) : ""));
        var reactions = rows.Where(r => r.Kind is CommentKind.Like or CommentKind.Repost or CommentKind.Mention).Select(r => views[r.Id]).ToList();
        rows.RemoveAll(r => r.Kind is CommentKind.Like or CommentKind.Repost or CommentKind.Mention);
        var topLevel = rows.Where(r => r.ParentId is null || !views.ContainsKey(r.ParentId.Value)).Select(r => r.Id).ToHashSet();
        var threads = rows.Where(r => topLevel.Contains(r.Id))
            .Select(r => new CommentThread(views[r.Id], [.. rows.Where(c => c.ParentId == r.Id && !topLevel.Contains(c.Id)).Select(c => views[c.Id])]))
            .ToList();

        var responses = new PostResponses(threads, reactions);
        if (Interlocked.Read(ref changes) != seen)
        {
            return responses; // a change while this was read: it serves this request only
        }

        cache.Set(key, responses, new MemoryCacheEntryOptions
        {
            Size = 256 + views.Values.Sum(v => 2L * (v.Html.Length + v.AuthorName.Length + (v.AuthorUrl?.Length ?? 0) + (v.SourceUrl?.Length ?? 0)) + 128),
            SlidingExpiration = TimeSpan.FromMinutes(30),
        });
        return responses;
    }

    /// <summary>A post's approved comments, oldest first: compiled once (read for each post the page cache does not keep).</summary>
    private static readonly CompiledQuery<Func<BlogDbContext, int, IAsyncEnumerable<CommentRow>>> ApprovedOf = new(() => EF.CompileAsyncQuery((BlogDbContext db, int postId) =>
        db.Comments.AsNoTracking()
            .Where(c => c.PostId == postId && c.Status == CommentStatus.Approved)
            .OrderBy(c => c.CreatedAtUtc).ThenBy(c => c.Id)
            .Select(c => new CommentRow(c.Id, c.ParentId, c.AuthorName, c.AuthorUrl, c.IsOwner, c.CreatedAtUtc, c.Html, c.Text, c.Kind, c.SourceUrl))));

    private sealed record CommentRow(
        int Id, int? ParentId, string AuthorName, string? AuthorUrl, bool IsOwner, DateTime CreatedAtUtc, string Html, string Text, CommentKind Kind, string? SourceUrl);

    private static string TextOf(string text) => text.Length <= 200 ? text : text[..200].TrimEnd() + "…";

    public void ContentChanged()
    {
        Interlocked.Increment(ref changes);
        cache.Compact(1.0);
    }

    public void PagesChanged(IReadOnlyCollection<string> tags)
    {
        Interlocked.Increment(ref changes);
        foreach (var tag in tags)
        {
            cache.Remove(tag);
        }
    }

    public void Dispose() => cache.Dispose();
}

public static class CommentQueries
{
    /// <summary>How many comments wait for the author (the dashboard menu's badge): an index count.</summary>
    public static Task<int> HeldCountAsync(BlogDbContext db, CancellationToken cancellationToken) =>
        db.Comments.CountAsync(c => c.Status == CommentStatus.Held, cancellationToken);
}
