using Blog.Web.Data;

namespace Blog.Web.Mail;

public enum OutboxStatus
{
    /// <summary>Waiting for its next attempt (<see cref="OutboxMessage.NextAttemptAt"/>).</summary>
    Pending = 0,

    /// <summary>Claimed by a worker until <see cref="OutboxMessage.LeaseUntil"/>; after that it is due again.</summary>
    Sending = 1,

    Sent = 2,

    /// <summary>Refused for good (a 5xx answer about the recipient) or out of attempts; "retry now" puts it back.</summary>
    Failed = 3,
}

/// <summary>
/// One email, kept in the blog's own database from the moment something causes it until a mail server accepted it.
/// Saved in the same transaction as its cause, so an email is never lost nor sent for something that did not happen.
/// </summary>
[HiddenFromReaders]
public sealed class OutboxMessage
{
    public const int MaxKeyLength = 200;

    public int Id { get; private set; }

    /// <summary>Unique: enqueuing a second email with the same key does nothing (<c>comment-held:42</c>).</summary>
    public required string IdempotencyKey { get; init; }

    /// <summary>What kind of email it is, for the outbox page (<c>comment-held</c>, <c>test</c>).</summary>
    public required string Purpose { get; init; }

    public required string ToAddress { get; init; }

    public string? ToName { get; init; }

    public required string Subject { get; init; }

    public required string HtmlBody { get; init; }

    public required string TextBody { get; init; }

    /// <summary>Extra headers as a JSON object (<c>List-Unsubscribe</c>, <c>List-Unsubscribe-Post</c>), or null.</summary>
    public string? HeadersJson { get; init; }

    public DateTime CreatedAt { get; init; }

    public OutboxStatus Status { get; set; }

    /// <summary>Attempts started (a claim counts as one, so a message that crashes the worker still runs out of them).</summary>
    public int Attempts { get; set; }

    public DateTime NextAttemptAt { get; set; }

    /// <summary>While <see cref="OutboxStatus.Sending"/>: when the claim runs out and another worker may take it.</summary>
    public DateTime? LeaseUntil { get; set; }

    /// <summary>The claim's own token: only the worker holding it records the outcome.</summary>
    public string? ClaimToken { get; set; }

    public string? LastError { get; set; }

    /// <summary>The SMTP status code of the last answer about this message (250 sent, 4xx try again, 5xx refused), or null when none came.</summary>
    public int? ServerStatusCode { get; set; }

    /// <summary>The server's own words with that code, such as "5.1.1 User unknown".</summary>
    public string? ServerResponse { get; set; }

    public DateTime? SentAt { get; set; }

    /// <summary>Refused for good by the server (5xx about the recipient): subscriptions mark such an address bounced.</summary>
    public bool IsPermanentRefusal => Status == OutboxStatus.Failed && ServerStatusCode is >= 500 and < 600;
}
