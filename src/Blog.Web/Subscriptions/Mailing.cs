using Blog.Web.Data;

namespace Blog.Web.Subscriptions;

public enum MailingKind
{
    Post = 0,
    Digest = 1,
}

public enum MailingState
{
    /// <summary>Waiting for its moment: the post to be visible (a scheduled one), or the worker's next pass.</summary>
    Waiting = 0,

    /// <summary>Enqueuing in batches; <see cref="Mailing.LastSubscriberId"/> says how far it got (resumed after a restart).</summary>
    Sending = 1,

    /// <summary>Every subscriber's email is in the outbox.</summary>
    Enqueued = 2,

    /// <summary>The author unticked "email it" before it went out.</summary>
    Cancelled = 3,
}

/// <summary>
/// One send of a post (key <c>post:{id}</c>, at most one per post) or of a week's digest (<c>digest:{week}</c>).
/// Enqueued in batches, each batch in one transaction with the cursor, so a restart resumes where it stopped, and the
/// outbox's idempotency keys make sure nobody gets the same email twice.
/// </summary>
[HiddenFromReaders]
public sealed class Mailing
{
    public int Id { get; private set; }

    public required string Key { get; init; }

    public MailingKind Kind { get; init; }

    public int? PostId { get; init; }

    /// <summary>The digest's week, as its Monday (UTC); the digest lists the posts published in the seven days before.</summary>
    public DateTime? WeekStart { get; init; }

    public MailingState State { get; set; }

    /// <summary>1 for the first send; "send again" starts round 2, 3…, with keys of their own.</summary>
    public int Round { get; set; } = 1;

    public int LastSubscriberId { get; set; }

    public int Enqueued { get; set; }

    /// <summary>Where readers reach the blog, captured when the author published (for absolute links in the email).</summary>
    public string? SiteOrigin { get; set; }

    public DateTime CreatedAt { get; init; }

    public DateTime? StartedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    public static string KeyForPost(int postId) => FormattableString.Invariant($"post:{postId}");

    /// <summary>The outbox key of one subscriber's copy: the first round keeps the documented shape.</summary>
    public string EmailKey(int subscriberId) => Kind == MailingKind.Digest
        ? FormattableString.Invariant($"{Key}:subscriber:{subscriberId}")
        : Round == 1 ? FormattableString.Invariant($"{Key}:subscriber:{subscriberId}") : FormattableString.Invariant($"{Key}:round:{Round}:subscriber:{subscriberId}");

    /// <summary>Every outbox key of this mailing starts with this (all rounds).</summary>
    public string EmailKeyPrefix => Key + ":";
}
