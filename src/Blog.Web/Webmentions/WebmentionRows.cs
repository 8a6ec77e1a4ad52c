using Blog.Web.Data;

namespace Blog.Web.Webmentions;

/// <summary>Where a queued webmention (received or to send) stands.</summary>
public enum WebmentionState
{
    /// <summary>Waiting for its (next) attempt at <c>NextAttemptAt</c>.</summary>
    Pending = 0,

    /// <summary>Claimed by a worker until <c>LeaseUntil</c>; after that it is due again.</summary>
    Working = 1,

    /// <summary>Received: verified and stored (or an existing mention updated). Sent: the endpoint accepted it.</summary>
    Done = 2,

    /// <summary>Received: refused (no link, a refused address, too large...). Sent: refused or out of attempts.</summary>
    Failed = 3,

    /// <summary>Sent: the target has no endpoint, or the post is no longer published; nothing was sent.</summary>
    Skipped = 4,
}

/// <summary>What the worker's claims read of a queued webmention, received or to send.</summary>
public interface IWebmentionWork
{
    int Id { get; }

    WebmentionState State { get; }

    DateTime NextAttemptAt { get; }

    DateTime? LeaseUntil { get; }
}

/// <summary>
/// A webmention another site sent: taken by the endpoint after the quick checks, verified later by the worker (the
/// source fetched, its link to the target found, its microformats read). Durable: a restart loses none.
/// </summary>
[HiddenFromReaders]
public sealed class ReceivedWebmention : IWebmentionWork
{
    public int Id { get; private set; }

    public required string Source { get; init; }

    public required string Target { get; init; }

    public int PostId { get; init; }

    /// <summary>A keyed hash of the sender's address (never the address), for the per-address limit.</summary>
    public string? IpHash { get; init; }

    public DateTime ReceivedAtUtc { get; init; }

    public WebmentionState State { get; set; }

    public int Attempts { get; set; }

    public DateTime NextAttemptAt { get; set; }

    public DateTime? LeaseUntil { get; set; }

    public string? ClaimToken { get; set; }

    /// <summary>What the check found, in words, for the dashboard ("no link to the post", "stored as a like").</summary>
    public string? Outcome { get; set; }

    public DateTime? DoneAtUtc { get; set; }
}

/// <summary>
/// One webmention to send: a published post's link to another site, for one version of the post's text (a link the
/// update removed is sent too, once, so the other site can take its mention down). Unique per post, target and version.
/// </summary>
[HiddenFromReaders]
public sealed class OutgoingWebmention : IWebmentionWork
{
    public int Id { get; private set; }

    public int PostId { get; init; }

    /// <summary>The post's address when it was queued: the <c>source</c> sent.</summary>
    public required string Source { get; init; }

    public required string Target { get; init; }

    /// <summary>A hash of the post's rendered body: saving the same text again queues nothing new.</summary>
    public required string ContentVersion { get; init; }

    /// <summary>The link is no longer in the post: sent so the target can remove its mention.</summary>
    public bool Removed { get; init; }

    public DateTime CreatedAtUtc { get; init; }

    public WebmentionState State { get; set; }

    public int Attempts { get; set; }

    public DateTime NextAttemptAt { get; set; }

    public DateTime? LeaseUntil { get; set; }

    public string? ClaimToken { get; set; }

    /// <summary>The endpoint found on the target, when one was.</summary>
    public string? Endpoint { get; set; }

    /// <summary>The endpoint's HTTP status code.</summary>
    public int? StatusCode { get; set; }

    public string? Outcome { get; set; }

    public DateTime? DoneAtUtc { get; set; }
}
