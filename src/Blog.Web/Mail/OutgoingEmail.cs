namespace Blog.Web.Mail;

/// <summary>
/// An email to enqueue with <see cref="Outbox"/>. <paramref name="IdempotencyKey"/> names what the email is for, once
/// ("comment-held:42", "post:7:subscriber:99"): a second email with the same key is not sent. <paramref name="Purpose"/>
/// is the kind shown on the outbox page ("comment-held", "subscription"). Both bodies are sent (multipart/alternative).
/// </summary>
public sealed record OutgoingEmail(
    string ToAddress,
    string Subject,
    string HtmlBody,
    string TextBody,
    string IdempotencyKey,
    string Purpose)
{
    public string? ToName { get; init; }

    /// <summary>Extra headers, such as RFC 8058's <c>List-Unsubscribe</c> and <c>List-Unsubscribe-Post</c>.</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }
}
