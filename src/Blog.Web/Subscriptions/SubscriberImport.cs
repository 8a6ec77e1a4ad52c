using Blog.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Subscriptions;

public sealed record SubscriberImportResult(string Provider, int Added, int AlreadyThere, IReadOnlyList<RefusedRow> Refused);

/// <summary>
/// Adds another service's subscribers: those confirmed there stay confirmed (they opted in already), with the import
/// date recorded beside their own. Addresses already on the list are left as they are (their owner's later choices
/// win over an old export). One transaction: a file is taken whole or, on a failure, not at all.
/// </summary>
public static class SubscriberImport
{
    public static async Task<SubscriberImportResult> ImportAsync(BlogDbContext db, SubscriberCsvRead read, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(read);
        var known = (await db.Subscribers.Select(s => s.NormalizedEmail).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var added = 0;
        var already = 0;
        foreach (var row in read.Rows)
        {
            var normalized = Subscriber.Normalize(row.Email);
            if (!known.Add(normalized))
            {
                already++;
                continue;
            }

            var since = row.SubscribedAt is { } at && at <= now ? at : now;
            db.Subscribers.Add(new Subscriber
            {
                Email = row.Email,
                NormalizedEmail = normalized,
                Name = row.Name,
                Status = row.Status,
                Source = SubscriberSource.Import,
                CreatedAt = since,
                ImportedAt = now,
                ConfirmedAt = row.Status == SubscriberStatus.Confirmed ? since : null,
                UnsubscribedAt = row.Status == SubscriberStatus.Unsubscribed ? now : null,
                BouncedAt = row.Status == SubscriberStatus.Bounced ? now : null,
            });
            added++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return new(read.Provider, added, already, read.Refused);
    }
}
