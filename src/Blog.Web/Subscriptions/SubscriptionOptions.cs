namespace Blog.Web.Subscriptions;

/// <summary>Subscriptions' pace (<c>Blog:Subscriptions:...</c>); the outbox's own pace limits what leaves the blog.</summary>
public sealed class SubscriptionOptions
{
    public const string Section = "Blog:Subscriptions";

    /// <summary>How often the mailing worker looks for posts whose time came, digests due and bounces.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Subscribers enqueued per transaction: a restart resumes after the last whole batch.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>A pending address gets another confirmation email at most this often…</summary>
    public TimeSpan ConfirmationInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>…and at most this many in all, so the form cannot be used to mail-bomb someone.</summary>
    public int MaxConfirmations { get; set; } = 5;

    /// <summary>The digest goes out on Mondays (UTC) from this hour, listing the previous seven days' posts.</summary>
    public int DigestHourUtc { get; set; } = 8;
}
