using Blog.Web.Data;
using Blog.Web.Hosting;
using Blog.Web.Instances;
using Blog.Web.Mail;
using Blog.Web.Posts;
using Blog.Web.Seo;
using Blog.Web.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Blog.Web.Subscriptions;

/// <summary>
/// Turns mailings into outbox emails. Each pass: marks bounced the addresses the mail server refused for good, starts
/// the week's digest when it is due, and enqueues every mailing whose moment came (a scheduled post once it is
/// visible) in batches: one transaction holds a batch's emails and the mailing's cursor, so a process killed at any
/// point resumes after the last whole batch, and the outbox's unique keys make a repeat impossible anyway.
/// Where several instances share the database, a pass runs under the <see cref="LeaseName"/> lease: one instance at
/// a time, and another carries on if it dies.
/// </summary>
public sealed partial class MailingWorker(
    IServiceScopeFactory scopes, MailingSignal signal, TimeProvider clock, IOptions<SubscriptionOptions> options, DatabaseLeases leases,
    BackgroundStart start, ILogger<MailingWorker> logger) : BackgroundService
{
    /// <summary>The lease a pass holds: bounces, the digest's start and every mailing's cursor move on one instance only.</summary>
    public const string LeaseName = "subscriptions:mailings";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await start.WaitAsync(stoppingToken))
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The database busy, a bug: the next pass tries again, and nothing half-done was committed.
                LogPassFailed(logger, e);
            }

            await signal.WaitAsync(options.Value.PollInterval, clock, stoppingToken);
        }
    }

    /// <summary>One pass at a time in this process (the worker's own, or one asked for by a test or the dashboard).</summary>
    private readonly SemaphoreSlim onePass = new(1, 1);

    public override void Dispose()
    {
        onePass.Dispose();
        base.Dispose();
    }

    /// <summary>One pass, unless another instance is in the middle of one (then false: it does the work).</summary>
    public async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        await onePass.WaitAsync(cancellationToken);
        try
        {
            await using var lease = await leases.HoldAsync(LeaseName, cancellationToken);
            if (lease is null)
            {
                LogLeaseHeldElsewhere(logger);
                return false;
            }

            using var both = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lease.Lost);
            await PassAsync(both.Token);
            return true;
        }
        finally
        {
            onePass.Release();
        }
    }

    private async Task PassAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BlogDbContext>();
        var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
        var now = clock.GetUtcNow().UtcDateTime;
        await MarkBouncesAsync(db, now, cancellationToken);
        await StartDigestAsync(db, now, cancellationToken);

        var due = await db.Mailings.Where(m => m.State == MailingState.Waiting || m.State == MailingState.Sending)
            .OrderBy(m => m.Id).Select(m => m.Id).ToListAsync(cancellationToken);
        var settings = await db.SiteSettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? new SiteSettings();
        foreach (var id in due)
        {
            db.ChangeTracker.Clear();
            await SendAsync(db, outbox, id, settings, cancellationToken);
        }
    }

    /// <summary>An address the mail server refused for good (5xx) is bounced: no mailing selects it again.</summary>
    private static Task<int> MarkBouncesAsync(BlogDbContext db, DateTime now, CancellationToken cancellationToken) =>
        db.Subscribers
            .Where(s => s.Status == SubscriberStatus.Confirmed || s.Status == SubscriberStatus.Pending)
            .Where(s => db.OutboxMessages.Any(m => m.Status == OutboxStatus.Failed && m.ServerStatusCode >= 500 && m.ServerStatusCode < 600
                && m.Purpose.StartsWith("subscription") && m.ToAddress == s.Email))
            .ExecuteUpdateAsync(set => set.SetProperty(s => s.Status, SubscriberStatus.Bounced).SetProperty(s => s.BouncedAt, now), cancellationToken);

    /// <summary>From Monday's digest hour, the week's digest exists (once: its key is unique) if the past week had posts.</summary>
    private async Task StartDigestAsync(BlogDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        var week = WeekStart(now);
        if (now < week.AddHours(options.Value.DigestHourUtc))
        {
            return;
        }

        var key = DigestKey(week);
        if (await db.Mailings.AnyAsync(m => m.Key == key, cancellationToken)
            || !await db.Posts.VisibleAt(now).AnyAsync(p => p.PublishedAtUtc >= week.AddDays(-7) && p.PublishedAtUtc < week, cancellationToken))
        {
            return;
        }

        db.Mailings.Add(new Mailing { Key = key, Kind = MailingKind.Digest, WeekStart = week, CreatedAt = now });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException error) when (error.IsUniqueViolation())
        {
            db.ChangeTracker.Clear(); // another process started it
        }
    }

    public static DateTime WeekStart(DateTime utc) => utc.Date.AddDays(-(((int)utc.DayOfWeek + 6) % 7));

    public static string DigestKey(DateTime weekStart) => $"digest:{weekStart:yyyy-MM-dd}";

    private async Task SendAsync(BlogDbContext db, Outbox outbox, int mailingId, SiteSettings settings, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var mailing = await db.Mailings.SingleAsync(m => m.Id == mailingId, cancellationToken);
        List<MailedPost> posts;
        if (mailing.Kind == MailingKind.Post)
        {
            posts = await db.Posts.AsNoTracking().VisibleAt(now).Where(p => p.Id == mailing.PostId).Select(Mailed).ToListAsync(cancellationToken);
            if (posts.Count == 0)
            {
                return; // scheduled for later, or unpublished again before its time: it waits
            }
        }
        else
        {
            var week = mailing.WeekStart!.Value;
            posts = await db.Posts.AsNoTracking().VisibleAt(now).Where(p => p.PublishedAtUtc >= week.AddDays(-7) && p.PublishedAtUtc < week)
                .OrderBy(p => p.PublishedAtUtc).Select(Mailed).ToListAsync(cancellationToken);
        }

        var site = new SiteAddress(SiteAddress.IsValidBaseUrl(settings.BaseUrl) ? settings.BaseUrl! : mailing.SiteOrigin
            ?? await db.Mailings.Where(m => m.SiteOrigin != null).OrderByDescending(m => m.Id).Select(m => m.SiteOrigin).FirstOrDefaultAsync(cancellationToken)
            ?? "http://localhost");
        var choice = mailing.Kind == MailingKind.Post ? SubscriptionChoice.EachPost : SubscriptionChoice.WeeklyDigest;
        var batchSize = Math.Max(1, options.Value.BatchSize);
        while (!cancellationToken.IsCancellationRequested)
        {
            var batch = await db.Subscribers.AsNoTracking()
                .Where(s => s.Status == SubscriberStatus.Confirmed && s.Choice == choice && s.Id > mailing.LastSubscriberId)
                .OrderBy(s => s.Id).Take(batchSize).ToListAsync(cancellationToken);

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var added = 0;
            foreach (var subscriber in posts.Count == 0 ? [] : batch)
            {
                var key = mailing.EmailKey(subscriber.Id);
                var email = mailing.Kind == MailingKind.Post
                    ? SubscriptionEmails.Post(subscriber, posts[0], key, settings, site)
                    : SubscriptionEmails.Digest(subscriber, posts, key, settings, site);
                if (await outbox.EnqueueAsync(db, email, cancellationToken))
                {
                    added++;
                }
            }

            mailing.StartedAt ??= now;
            mailing.State = MailingState.Sending;
            if (batch.Count > 0)
            {
                mailing.LastSubscriberId = batch[^1].Id;
            }

            if (batch.Count < batchSize || posts.Count == 0)
            {
                mailing.State = MailingState.Enqueued;
                mailing.FinishedAt = clock.GetUtcNow().UtcDateTime;
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException error) when (Outbox.IsDuplicate(error))
            {
                return; // another process enqueued this batch first: its cursor is the one that counts
            }

            // The count is added by the database, not written from this pass's copy of the row: should a lapsed lease
            // ever let two passes overlap (a stalled instance), neither overwrites what the other counted.
            if (added > 0)
            {
                await db.Mailings.Where(m => m.Id == mailing.Id)
                    .ExecuteUpdateAsync(set => set.SetProperty(m => m.Enqueued, m => m.Enqueued + added), cancellationToken);
                var counted = db.Entry(mailing).Property(m => m.Enqueued);
                counted.CurrentValue += added;
                counted.OriginalValue = counted.CurrentValue;
            }

            await transaction.CommitAsync(cancellationToken);
            if (mailing.State == MailingState.Enqueued)
            {
                LogMailingEnqueued(logger, mailing.Key, mailing.Round, mailing.Enqueued);
                return;
            }
        }
    }

    private static readonly System.Linq.Expressions.Expression<Func<Post, MailedPost>> Mailed =
        p => new MailedPost(p.Id, p.Title, p.Slug, p.BodyHtml, p.BodyText, p.Excerpt ?? p.Opening, p.PublishedAtUtc!.Value);

    [LoggerMessage(Level = LogLevel.Error, Message = "The mailing worker's pass failed; it tries again at the next one")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Another instance holds the mailing lease; it runs this pass")]
    private static partial void LogLeaseHeldElsewhere(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Mailing {Key} (round {Round}) is in the outbox: {Count} emails")]
    private static partial void LogMailingEnqueued(ILogger logger, string key, int round, int count);
}

/// <summary>Wakes the mailing worker when the author publishes with "email it", so the send starts at once.</summary>
public sealed class MailingSignal : IDisposable
{
    private readonly SemaphoreSlim wake = new(0, 1);

    public void Wake()
    {
        try
        {
            if (wake.CurrentCount == 0)
            {
                wake.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Woken already.
        }
    }

    public async Task WaitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken stoppingToken)
    {
        using var timer = new CancellationTokenSource(timeout, clock);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timer.Token);
        try
        {
            await wake.WaitAsync(either.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // Time for the next pass.
        }
    }

    public void Dispose() => wake.Dispose();
}
