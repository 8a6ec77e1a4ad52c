using System.Text.Json;
using Blog.Web.Data;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Blog.Web.Mail;

/// <summary>
/// Where every email starts. <see cref="EnqueueAsync"/> adds the email to the caller's <see cref="BlogDbContext"/>
/// without saving, so it commits with whatever caused it (a comment, a subscription) or not at all;
/// <see cref="EnqueueAndSaveAsync"/> saves it on its own. The background worker sends it once saved.
/// </summary>
public sealed class Outbox(TimeProvider clock, OutboxSignal signal, AfterCommit afterCommit)
{
    /// <summary>
    /// Adds <paramref name="email"/> to <paramref name="db"/> (not saved). Returns false, adding nothing, when an email
    /// with the same idempotency key is already in the outbox or already added to this context. Two requests racing
    /// with one key both pass this check: the second save then fails on the unique index (see <see cref="IsDuplicate"/>).
    /// </summary>
    public async Task<bool> EnqueueAsync(BlogDbContext db, OutgoingEmail email, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var message = Create(email);
        if (db.ChangeTracker.Entries<OutboxMessage>().Any(e => e.Entity.IdempotencyKey == message.IdempotencyKey)
            || await db.OutboxMessages.AnyAsync(m => m.IdempotencyKey == message.IdempotencyKey, cancellationToken))
        {
            return false;
        }

        db.OutboxMessages.Add(message);
        db.SavedChanges -= WakeWorker; // one wake-up per save, however many emails it carries
        db.SavedChanges += WakeWorker;
        return true;
    }

    /// <summary>
    /// Enqueues and saves <paramref name="email"/> alone (other pending changes of <paramref name="db"/> are saved with it).
    /// Returns false when the key was already used, including by a concurrent request that saved first.
    /// </summary>
    public async Task<bool> EnqueueAndSaveAsync(BlogDbContext db, OutgoingEmail email, CancellationToken cancellationToken = default)
    {
        if (!await EnqueueAsync(db, email, cancellationToken))
        {
            return false;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException error) when (IsDuplicate(error))
        {
            foreach (var entry in db.ChangeTracker.Entries<OutboxMessage>().Where(e => e.State == EntityState.Added && e.Entity.IdempotencyKey == email.IdempotencyKey).ToList())
            {
                entry.State = EntityState.Detached;
            }

            return false;
        }
    }

    /// <summary>The save failed because an email with the same idempotency key was saved first by someone else.</summary>
    public static bool IsDuplicate(DbUpdateException error) =>
        error.IsUniqueViolation() && error.Entries.Any(e => e.Entity is OutboxMessage);

    private OutboxMessage Create(OutgoingEmail email)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentException.ThrowIfNullOrWhiteSpace(email.IdempotencyKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(email.Purpose);
        if (email.IdempotencyKey.Length > OutboxMessage.MaxKeyLength)
        {
            throw new ArgumentException($"An idempotency key is at most {OutboxMessage.MaxKeyLength} characters.", nameof(email));
        }

        if (!MailboxAddress.TryParse(email.ToAddress, out var to) || to.Address.IndexOf('@', StringComparison.Ordinal) <= 0)
        {
            throw new ArgumentException($"“{email.ToAddress}” is not an email address.", nameof(email));
        }

        foreach (var (name, value) in email.Headers ?? new Dictionary<string, string>())
        {
            if (string.IsNullOrWhiteSpace(name) || name.Any(c => c <= ' ' || c == ':' || c > '~') || value.Contains('\r', StringComparison.Ordinal) || value.Contains('\n', StringComparison.Ordinal))
            {
                throw new ArgumentException($"“{name}” is not a header this outbox can send.", nameof(email));
            }
        }

        var now = clock.GetUtcNow().UtcDateTime;
        return new OutboxMessage
        {
            IdempotencyKey = email.IdempotencyKey,
            Purpose = email.Purpose,
            ToAddress = to.Address,
            ToName = email.ToName,
            Subject = email.Subject,
            HtmlBody = email.HtmlBody,
            TextBody = email.TextBody,
            HeadersJson = email.Headers is { Count: > 0 } headers ? JsonSerializer.Serialize(headers) : null,
            CreatedAt = now,
            NextAttemptAt = now,
            Status = OutboxStatus.Pending,
        };
    }

    /// <summary>Wakes the worker once the saved emails can be seen: after the caller's transaction commits, if it has one.</summary>
    private void WakeWorker(object? sender, SavedChangesEventArgs e)
    {
        if (sender is BlogDbContext db)
        {
            db.SavedChanges -= WakeWorker;
            afterCommit.Run(db, signal.Wake);
            return;
        }

        signal.Wake();
    }
}
