using System.Threading.Channels;
using Blog.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Portability.Import;

/// <summary>Import runs waiting for the background worker, one at a time (imports are rare and write a lot).</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "It is a queue: the runs waiting for the worker.")]
public sealed class ImportQueue
{
    private readonly Channel<int> runs = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = true });

    public ValueTask EnqueueAsync(int runId, CancellationToken cancellationToken) => runs.Writer.WriteAsync(runId, cancellationToken);

    public IAsyncEnumerable<int> ReadAllAsync(CancellationToken cancellationToken) => runs.Reader.ReadAllAsync(cancellationToken);
}

/// <summary>Runs queued imports in the background, so a large file never holds up a request.</summary>
public sealed partial class ImportWorker(ImportQueue queue, IServiceScopeFactory scopes, ILogger<ImportWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await FailInterruptedRunsAsync(stoppingToken);
        await foreach (var runId in queue.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ImportRunner>().RunAsync(runId, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A bug in one import must not stop the worker for the next one; the run says it failed.
                LogImportFailed(logger, e, runId);
                await MarkFailedAsync(runId, "The import stopped because of an error in the blog. What was imported before it is kept.");
            }
        }
    }

    /// <summary>The queue lives in memory: runs a restart interrupted are marked failed, not left "running" forever.</summary>
    private async Task FailInterruptedRunsAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BlogDbContext>();
        await db.ImportRuns.Where(r => r.Status == ImportRunStatus.Queued || r.Status == ImportRunStatus.Running)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.Status, ImportRunStatus.Failed)
                .SetProperty(r => r.Error, "The blog restarted before this import finished; run it again (nothing is duplicated)."), cancellationToken);
    }

    private async Task MarkFailedAsync(int runId, string error)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BlogDbContext>();
        await db.ImportRuns.Where(r => r.Id == runId).ExecuteUpdateAsync(set => set
            .SetProperty(r => r.Status, ImportRunStatus.Failed).SetProperty(r => r.Error, error));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Import {RunId} failed")]
    private static partial void LogImportFailed(ILogger logger, Exception exception, int runId);
}
