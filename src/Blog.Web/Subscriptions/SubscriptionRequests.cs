using Blog.Web.Data;
using Blog.Web.Mail;
using Blog.Web.Seo;
using Blog.Web.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Blog.Web.Subscriptions;

/// <summary>
/// What readers do with their subscription: ask for one (double opt-in: only a confirmation email until they follow
/// its link), confirm, unsubscribe. Asking answers the same whatever the address's state, so the form cannot be used
/// to learn who subscribes; each address gets a confirmation at most every few minutes and a few in all.
/// </summary>
public sealed class SubscriptionRequests(BlogDbContext db, Outbox outbox, SiteContext site, TimeProvider clock, IOptions<SubscriptionOptions> options)
{
    public static bool IsEmailAddress(string? email) =>
        !string.IsNullOrWhiteSpace(email) && email.Length <= 320 && MailboxAddress.TryParse(email.Trim(), out var parsed)
        && parsed.Address == email.Trim() && parsed.Address.IndexOf('@', StringComparison.Ordinal) > 0
        && !parsed.Address.EndsWith('@');

    /// <summary>Asks for a subscription; the caller shows the same answer whatever happened.</summary>
    public async Task RequestAsync(string email, string? name, SubscriptionChoice choice, SiteAddress address, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var normalized = Subscriber.Normalize(email);
        var subscriber = await db.Subscribers.SingleOrDefaultAsync(s => s.NormalizedEmail == normalized, cancellationToken);
        if (subscriber is null)
        {
            subscriber = new Subscriber { Email = email.Trim(), NormalizedEmail = normalized, Name = Blank(name), Choice = choice, CreatedAt = now };
            db.Subscribers.Add(subscriber);
        }
        else if (subscriber.Status == SubscriberStatus.Unsubscribed)
        {
            // Coming back: a new link, and a fresh confirmation (the old links stop working).
            subscriber.Status = SubscriberStatus.Pending;
            subscriber.Token = Subscriber.NewToken();
            subscriber.Choice = choice;
        }
        else if (subscriber.Status != SubscriberStatus.Pending)
        {
            return; // confirmed already, or bounced: nothing to send, and the answer does not say so
        }
        else if (subscriber.ConfirmationsSent >= options.Value.MaxConfirmations
            || (subscriber.LastConfirmationAt is { } last && now - last < options.Value.ConfirmationInterval))
        {
            return;
        }
        else
        {
            subscriber.Choice = choice;
        }

        var settings = (await site.GetAsync(cancellationToken)).Settings;
        await outbox.EnqueueAsync(db, SubscriptionEmails.Confirmation(subscriber, settings, address), cancellationToken);
        subscriber.ConfirmationsSent++;
        subscriber.LastConfirmationAt = now;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException error) when (error.IsUniqueViolation())
        {
            // The same address asked twice at once: the other request sent the confirmation.
            db.ChangeTracker.Clear();
        }
    }

    public Task<Subscriber?> FindAsync(string token, CancellationToken cancellationToken) =>
        db.Subscribers.SingleOrDefaultAsync(s => s.Token == token, cancellationToken);

    public async Task<bool> ConfirmAsync(string token, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.Subscribers.Where(s => s.Token == token && s.Status == SubscriberStatus.Pending)
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.Status, SubscriberStatus.Confirmed).SetProperty(s => s.ConfirmedAt, now), cancellationToken) > 0;
    }

    /// <summary>Unsubscribes the holder of the link; true when there was such a subscriber (unsubscribing twice is fine).</summary>
    public async Task<bool> UnsubscribeAsync(string token, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Subscribers.Where(s => s.Token == token && (s.Status == SubscriberStatus.Pending || s.Status == SubscriberStatus.Confirmed))
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.Status, SubscriberStatus.Unsubscribed).SetProperty(s => s.UnsubscribedAt, now), cancellationToken);
        return await db.Subscribers.AnyAsync(s => s.Token == token, cancellationToken);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
