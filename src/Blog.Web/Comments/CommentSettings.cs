using Blog.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Blog.Web.Comments;

/// <summary>How comments are taken and moderated: the single row of its table, edited in the dashboard.</summary>
public sealed class CommentSettings : IChangesSomePages
{
    public const int SingletonId = 1;

    public int Id { get; private set; } = SingletonId;

    /// <summary>Every new comment waits for the author, even from a reader she has approved before.</summary>
    public bool HoldEvery { get; set; }

    /// <summary>No post takes new comments (those already shown stay shown).</summary>
    public bool ClosedEverywhere { get; set; }

    /// <summary>A post stops taking comments this many days after it was published; 0 keeps them open.</summary>
    public int CloseAfterDays { get; set; }

    /// <summary>More links than this in one comment hold it for the author.</summary>
    public int MaxLinks { get; set; } = 2;

    /// <summary>Comments from one address in an hour beyond this are refused.</summary>
    public int MaxPerAddressPerHour { get; set; } = 5;

    /// <summary>Words or phrases, one per line: a comment containing one (in its name, email, website or text) is spam.</summary>
    public string? BlockedWords { get; set; }

    /// <summary>
    /// Webmentions: other sites' replies, likes and mentions are taken (through the same moderation) on posts that take
    /// comments, and the sites a published post links to are told of it. On by default.
    /// </summary>
    public bool Webmentions { get; set; } = true;

    /// <summary>An Akismet API key: when set, each new comment is also checked by Akismet. Empty by default.</summary>
    public string? AkismetKey { get; set; }

    /// <summary>The blog's comment secret, made with the row: it signs form tokens and hashes senders' addresses (<see cref="Comment.IpHash"/>).</summary>
    public string AddressKey { get; set; } = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    /// <summary>The row made with its defaults changes nothing readers see; a change to it may close every post's form.</summary>
    public IEnumerable<string> PagesChangedBy(EntityEntry entry) => entry.State == EntityState.Added ? [] : [ReaderPages.Everything];

    public IEnumerable<string> BlockedWordList =>
        (BlockedWords ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Whether a post published at <paramref name="publishedAtUtc"/> (with its own switch) takes comments at <paramref name="nowUtc"/>.</summary>
    public bool AreOpen(bool closedOnPost, DateTime? publishedAtUtc, DateTime nowUtc) =>
        !ClosedEverywhere && !closedOnPost
        && (CloseAfterDays <= 0 || publishedAtUtc is not { } published || nowUtc < published.AddDays(CloseAfterDays));
}

public static class CommentSettingsQueries
{
    /// <summary>
    /// Readers arriving together at a blog without the row (one made before comments existed) would each insert it:
    /// one insert wins, and every other fails (which EF Core logs as an error). In this process they wait for the first
    /// instead; another instance racing it is still caught below.
    /// </summary>
    private static readonly SemaphoreSlim Making = new(1, 1);

    /// <summary>The settings row, made with its defaults the first time it is asked for (tracked, so it can be edited).</summary>
    public static async Task<CommentSettings> CommentSettingsAsync(this BlogDbContext db, CancellationToken cancellationToken)
    {
        if (await db.CommentSettings.SingleOrDefaultAsync(cancellationToken) is { } settings)
        {
            return settings;
        }

        await Making.WaitAsync(cancellationToken);
        try
        {
            if (await db.CommentSettings.SingleOrDefaultAsync(cancellationToken) is { } madeMeanwhile)
            {
                return madeMeanwhile;
            }

            settings = new CommentSettings();
            db.CommentSettings.Add(settings);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return settings;
            }
            catch (DbUpdateException error) when (error.IsUniqueViolation())
            {
                // Another instance made it first.
                db.Entry(settings).State = EntityState.Detached;
                return await db.CommentSettings.SingleAsync(cancellationToken);
            }
        }
        finally
        {
            Making.Release();
        }
    }
}
