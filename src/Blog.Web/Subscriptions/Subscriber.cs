using System.Security.Cryptography;
using Blog.Web.Data;

namespace Blog.Web.Subscriptions;

public enum SubscriberStatus
{
    /// <summary>Asked to subscribe; only the confirmation email is sent until the link in it is followed.</summary>
    Pending = 0,
    Confirmed = 1,
    Unsubscribed = 2,

    /// <summary>The mail server refused the address for good (a 5xx): never mailed again.</summary>
    Bounced = 3,
}

public enum SubscriptionChoice
{
    /// <summary>An email for each new post the author chooses to send.</summary>
    EachPost = 0,

    /// <summary>One email a week listing the week's posts.</summary>
    WeeklyDigest = 1,
}

public enum SubscriberSource
{
    Form = 0,
    Import = 1,
}

/// <summary>A reader on the mailing list. The address is kept as typed; <see cref="NormalizedEmail"/> is unique.</summary>
[HiddenFromReaders]
public sealed class Subscriber
{
    public int Id { get; private set; }

    public required string Email { get; set; }

    /// <summary>The address in lower case: one subscriber per address, whatever its capitals.</summary>
    public required string NormalizedEmail { get; set; }

    public string? Name { get; set; }

    public SubscriberStatus Status { get; set; }

    public SubscriptionChoice Choice { get; set; }

    public SubscriberSource Source { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? ConfirmedAt { get; set; }

    public DateTime? UnsubscribedAt { get; set; }

    public DateTime? BouncedAt { get; set; }

    /// <summary>When the address came in from another service's export (its own date is <see cref="CreatedAt"/>).</summary>
    public DateTime? ImportedAt { get; set; }

    /// <summary>The secret in the confirm and unsubscribe links: whoever holds it may do those two things, nothing else.</summary>
    public string Token { get; set; } = NewToken();

    /// <summary>Confirmation emails sent while pending, and when the last one went: the per-address rate limit.</summary>
    public int ConfirmationsSent { get; set; }

    public DateTime? LastConfirmationAt { get; set; }

    public static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');

    public static string Normalize(string email) => email.Trim().ToLowerInvariant();
}
