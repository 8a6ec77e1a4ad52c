using Blog.Web.Data;
using Blog.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Blog.Web.Webmentions;

/// <summary>
/// Works through both webmention queues in the background: received ones to verify, and ones to send. Each row is
/// claimed under a lease by one UPDATE (so two instances never take the same row, and a row a crashed process held is
/// due again once its lease runs out), handled, and its outcome recorded by the claim's own token; failures that may
/// pass are tried again later with a doubling delay.
/// </summary>
public sealed partial class WebmentionWorker(
    IServiceScopeFactory scopes, WebmentionSignal signal, TimeProvider clock, IOptions<WebmentionOptions> options, BackgroundStart start,
    ILogger<WebmentionWorker> logger) : BackgroundService
{
    private const int BatchSize = 10;

    private readonly SemaphoreSlim onePass = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WorkerEnabled)
        {
            return;
        }

        if (!await start.WaitAsync(stoppingToken))
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var more = false;
            try
            {
                more = await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The database busy, a bug: claims run out and the rows are taken again.
                LogPassFailed(logger, e);
            }

            if (!more)
            {
                await signal.WaitAsync(options.Value.PollInterval, clock, stoppingToken);
            }
        }
    }

    public override void Dispose()
    {
        onePass.Dispose();
        base.Dispose();
    }

    /// <summary>One batch of each queue; true when a batch was full, so more may be waiting.</summary>
    public async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        await onePass.WaitAsync(cancellationToken);
        try
        {
            var received = await VerifyDueAsync(cancellationToken);
            var sent = await SendDueAsync(cancellationToken);
            return received == BatchSize || sent == BatchSize;
        }
        finally
        {
            onePass.Release();
        }
    }

    /// <summary>
    /// The rows due: waiting, or claimed by a worker whose lease ran out. A claim reads their ids, then UPDATEs with this
    /// condition repeated on each row, so that when two instances claim at once only one UPDATE matches each row (SQLite
    /// writes one statement at a time; PostgreSQL re-checks a row it waited for and skips it), as the outbox does.
    /// </summary>
    private static IQueryable<T> Due<T>(IQueryable<T> rows, DateTime now) where T : class, IWebmentionWork =>
        rows.Where(w => (w.State == WebmentionState.Pending && w.NextAttemptAt <= now) || (w.State == WebmentionState.Working && w.LeaseUntil <= now));

    private async Task<int> VerifyDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BlogDbContext>();
        var (token, now) = (Guid.NewGuid().ToString("N"), clock.GetUtcNow().UtcDateTime);
        var leaseUntil = now + options.Value.Lease;
        var due = Due(db.ReceivedWebmentions, now);
        var candidates = await due.OrderBy(w => w.NextAttemptAt).ThenBy(w => w.Id).Select(w => w.Id).Take(BatchSize).ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return 0;
        }

        await due.Where(w => candidates.Contains(w.Id))
            .ExecuteUpdateAsync(set => set.SetProperty(w => w.State, WebmentionState.Working).SetProperty(w => w.ClaimToken, token)
                .SetProperty(w => w.LeaseUntil, leaseUntil).SetProperty(w => w.Attempts, w => w.Attempts + 1), cancellationToken);
        var batch = await db.ReceivedWebmentions.AsNoTracking().Where(w => w.ClaimToken == token && w.State == WebmentionState.Working)
            .OrderBy(w => w.Id).ToListAsync(cancellationToken);
        foreach (var mention in batch)
        {
            db.ChangeTracker.Clear();
            WebmentionState state;
            string outcome;
            try
            {
                (state, outcome) = await scope.ServiceProvider.GetRequiredService<MentionReceiver>().VerifyAsync(mention, cancellationToken);
            }
            catch (Exception e) when (e is DbUpdateException or InvalidOperationException or UriFormatException && !cancellationToken.IsCancellationRequested)
            {
                LogRowFailed(logger, e, "received", mention.Id);
                (state, outcome) = (mention.Attempts >= options.Value.MaxAttempts ? WebmentionState.Failed : WebmentionState.Pending, "could not be stored: " + e.GetBaseException().Message);
            }

            var done = clock.GetUtcNow().UtcDateTime;
            await db.ReceivedWebmentions.Where(w => w.Id == mention.Id && w.ClaimToken == token).ExecuteUpdateAsync(set => set
                .SetProperty(w => w.State, state).SetProperty(w => w.Outcome, Trim(outcome)).SetProperty(w => w.LeaseUntil, (DateTime?)null)
                .SetProperty(w => w.NextAttemptAt, done + options.Value.Backoff(mention.Attempts))
                .SetProperty(w => w.DoneAtUtc, state == WebmentionState.Pending ? null : done), CancellationToken.None);
            LogReceived(logger, mention.Id, mention.Source, state, outcome);
        }

        return batch.Count;
    }

    private async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BlogDbContext>();
        var (token, now) = (Guid.NewGuid().ToString("N"), clock.GetUtcNow().UtcDateTime);
        var leaseUntil = now + options.Value.Lease;
        var due = Due(db.OutgoingWebmentions, now);
        var candidates = await due.OrderBy(w => w.NextAttemptAt).ThenBy(w => w.Id).Select(w => w.Id).Take(BatchSize).ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return 0;
        }

        await due.Where(w => candidates.Contains(w.Id))
            .ExecuteUpdateAsync(set => set.SetProperty(w => w.State, WebmentionState.Working).SetProperty(w => w.ClaimToken, token)
                .SetProperty(w => w.LeaseUntil, leaseUntil).SetProperty(w => w.Attempts, w => w.Attempts + 1), cancellationToken);
        var batch = await db.OutgoingWebmentions.AsNoTracking().Where(w => w.ClaimToken == token && w.State == WebmentionState.Working)
            .OrderBy(w => w.Id).ToListAsync(cancellationToken);
        foreach (var mention in batch)
        {
            var (state, outcome, endpoint, status) = await scope.ServiceProvider.GetRequiredService<MentionSender>().SendAsync(mention, cancellationToken);
            var done = clock.GetUtcNow().UtcDateTime;
            await db.OutgoingWebmentions.Where(w => w.Id == mention.Id && w.ClaimToken == token).ExecuteUpdateAsync(set => set
                .SetProperty(w => w.State, state).SetProperty(w => w.Outcome, Trim(outcome)).SetProperty(w => w.LeaseUntil, (DateTime?)null)
                .SetProperty(w => w.Endpoint, endpoint == null ? null : Trim(endpoint)).SetProperty(w => w.StatusCode, status)
                .SetProperty(w => w.NextAttemptAt, done + options.Value.Backoff(mention.Attempts))
                .SetProperty(w => w.DoneAtUtc, state == WebmentionState.Pending ? null : done), CancellationToken.None);
            LogSent(logger, mention.Id, mention.Target, state, outcome);
        }

        return batch.Count;
    }

    private static string? Trim(string? text) => text is { Length: > 500 } ? text[..500] : text;

    [LoggerMessage(Level = LogLevel.Error, Message = "The webmention worker failed; it tries again at the next poll")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webmention ({Queue}) {Id} could not be handled")]
    private static partial void LogRowFailed(ILogger logger, Exception exception, string queue, int id);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webmention {Id} from {Source}: {State} ({Outcome})")]
    private static partial void LogReceived(ILogger logger, int id, string source, WebmentionState state, string outcome);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webmention {Id} to {Target}: {State} ({Outcome})")]
    private static partial void LogSent(ILogger logger, int id, string target, WebmentionState state, string outcome);
}
