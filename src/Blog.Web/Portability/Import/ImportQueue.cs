using System.Threading.Channels;
using Blog.Web.Data;
using Blog.Web.Hosting;
using Blog.Web.Instances;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Blog.Web.Portability.Import;

/// <summary>
/// Import runs waiting for the background worker. The runs themselves are rows: the queue only wakes this instance's
/// worker at once. A run is leased to the instance that received its file (<see cref="Assign"/>); the lease is
/// renewed while it runs, and when an instance dies another one finds the expired lease and takes the run over.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "It is a queue: the runs waiting for the worker.")]
public sealed class ImportQueue(InstanceIdentity instance, TimeProvider clock, IOptions<InstanceOptions> options)
{
    private readonly Channel<int> runs = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Gives a new run (not yet saved) to this instance, which has its file; another takes it only if this one dies.</summary>
    public void Assign(ImportRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        (run.LeaseHolder, run.LeaseUntil) = (instance.Id, clock.GetUtcNow().UtcDateTime + options.Value.LeaseDuration);
    }

    /// <summary>Wakes the worker for a saved run.</summary>
    public ValueTask EnqueueAsync(int runId, CancellationToken cancellationToken) => runs.Writer.WriteAsync(runId, cancellationToken);

    /// <summary>Waits until a run is enqueued here or <paramref name="timeout"/> passes (wall clock: time to look for abandoned runs).</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = new CancellationTokenSource(timeout);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            await runs.Reader.WaitToReadAsync(either.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Time to look again.
        }

        while (runs.Reader.TryRead(out _))
        {
            // The rows say what to run; the ids only woke the worker.
        }
    }
}

/// <summary>
/// Runs imports in the background, so a large file never holds up a request: this instance's new runs at once, and
/// runs whose instance died (their lease expired) when it finds them, resumed from the start (an import is
/// idempotent: what was imported already is found unchanged) or, when the file is not on this instance's disk,
/// failed with a message saying so.
/// </summary>
public sealed partial class ImportWorker(
    ImportQueue queue, IServiceScopeFactory scopes, InstanceIdentity instance, TimeProvider clock, IOptions<InstanceOptions> options,
    BackgroundStart start, ILogger<ImportWorker> logger) : BackgroundService
{
    public const string FileElsewhere =
        "The server running this import stopped before it finished, and the uploaded file is not on this server's disk: upload it again (nothing is duplicated).";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await start.WaitAsync(stoppingToken))
        {
            return;
        }

        await FailInterruptedCommandLineRunsAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await ClaimNextAsync(stoppingToken) is { } runId)
                {
                    await RunAsync(runId, stoppingToken);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogWorkerFailed(logger, e); // the database busy: the next look tries again
            }

            await queue.WaitAsync(options.Value.ImportPollInterval, stoppingToken);
        }
    }

    /// <summary>
    /// Takes the oldest run this instance may run: its own waiting runs, and any run whose lease expired. One UPDATE
    /// that re-checks the lease, so two instances never take the same run. Returns its id, or null.
    /// </summary>
    public async Task<int?> ClaimNextAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BlogDbContext>();
        while (true)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var candidate = await Claimable(db, now).OrderBy(r => r.Id).Select(r => (int?)r.Id).FirstOrDefaultAsync(cancellationToken);
            if (candidate is not { } id)
            {
                return null;
            }

            var until = now + options.Value.LeaseDuration;
            var me = instance.Id;
            if (await Claimable(db, now).Where(r => r.Id == id)
                    .ExecuteUpdateAsync(set => set.SetProperty(r => r.LeaseHolder, me).SetProperty(r => r.LeaseUntil, until), cancellationToken) == 1)
            {
                return id;
            }
        }
    }

    private IQueryable<ImportRun> Claimable(BlogDbContext db, DateTime now)
    {
        var me = instance.Id;
        return db.ImportRuns.Where(r => (r.Status == ImportRunStatus.Queued && r.LeaseHolder == me)
            || ((r.Status == ImportRunStatus.Queued || r.Status == ImportRunStatus.Running) && r.LeaseUntil != null && r.LeaseUntil <= now));
    }

    private async Task RunAsync(int runId, CancellationToken stoppingToken)
    {
        using var lost = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        using var stopRenewing = new CancellationTokenSource();
        var renewing = RenewAsync(runId, lost, stopRenewing.Token);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BlogDbContext>();
            var run = await db.ImportRuns.AsNoTracking().SingleAsync(r => r.Id == runId, stoppingToken);
            if (run.Status == ImportRunStatus.Running || run.LeaseHolder != instance.Id)
            {
                LogTakingOver(logger, runId);
            }

            if (run.SourcePath is not { } path || !(File.Exists(path) || Directory.Exists(path)))
            {
                await MarkFailedAsync(runId, FileElsewhere);
                return;
            }

            if (run.Status == ImportRunStatus.Running)
            {
                // Resumed from the start: the counts are the new attempt's (what the first one imported shows as unchanged).
                await db.ImportRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(set => set
                    .SetProperty(r => r.Processed, 0).SetProperty(r => r.Created, 0).SetProperty(r => r.Updated, 0)
                    .SetProperty(r => r.Unchanged, 0).SetProperty(r => r.Skipped, 0).SetProperty(r => r.ImagesFailed, 0), stoppingToken);
            }

            await scope.ServiceProvider.GetRequiredService<ImportRunner>().RunAsync(runId, lost.Token);
        }
        catch (OperationCanceledException) when (lost.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
        {
            LogLeaseLost(logger, runId); // another instance took it over: it finishes the run
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bug in one import must not stop the worker for the next one; the run says it failed.
            LogImportFailed(logger, e, runId);
            await MarkFailedAsync(runId, "The import stopped because of an error in the blog. What was imported before it is kept.");
        }
        finally
        {
            await stopRenewing.CancelAsync();
            await renewing;
        }
    }

    /// <summary>Renews the run's lease every third of its length; cancels <paramref name="lost"/> if another instance took it.</summary>
    private async Task RenewAsync(int runId, CancellationTokenSource lost, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(options.Value.LeaseDuration / 3);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<BlogDbContext>();
                    var (me, until) = (instance.Id, clock.GetUtcNow().UtcDateTime + options.Value.LeaseDuration);
                    if (await db.ImportRuns.Where(r => r.Id == runId && r.LeaseHolder == me)
                            .ExecuteUpdateAsync(set => set.SetProperty(r => r.LeaseUntil, until), stop) == 0)
                    {
                        await lost.CancelAsync();
                        return;
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogWorkerFailed(logger, e); // the database busy: the lease has two more chances before it runs out
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The run ended.
        }
    }

    /// <summary>
    /// A run started by the command line (no lease: the command runs it in its own process) that is still marked
    /// running when an instance starts was cut short by a crash; it is marked failed, not left "running" forever.
    /// </summary>
    private async Task FailInterruptedCommandLineRunsAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BlogDbContext>();
        await db.ImportRuns.Where(r => (r.Status == ImportRunStatus.Queued || r.Status == ImportRunStatus.Running) && r.LeaseUntil == null)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.Status, ImportRunStatus.Failed)
                .SetProperty(r => r.Error, "The blog restarted before this import finished; run it again (nothing is duplicated)."), cancellationToken);
    }

    private async Task MarkFailedAsync(int runId, string error)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BlogDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        await db.ImportRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(set => set
            .SetProperty(r => r.Status, ImportRunStatus.Failed).SetProperty(r => r.Error, error).SetProperty(r => r.FinishedAtUtc, now));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Import {RunId} failed")]
    private static partial void LogImportFailed(ILogger logger, Exception exception, int runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import {RunId} was left by an instance that stopped; this instance takes it over")]
    private static partial void LogTakingOver(ILogger logger, int runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import {RunId}: another instance took the run over; this one stops")]
    private static partial void LogLeaseLost(ILogger logger, int runId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The import worker could not reach the database; it tries again")]
    private static partial void LogWorkerFailed(ILogger logger, Exception exception);
}
