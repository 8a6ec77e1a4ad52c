using Blog.Web.Hosting;
using Blog.Web.Settings;
using Microsoft.Extensions.Options;

namespace Blog.Web.Statistics;

/// <summary>
/// The background half of counting: four times a second it empties the <see cref="PendingReads"/> into the
/// <see cref="ReadTally"/>, and every <see cref="StatisticsOptions.FlushInterval"/> (and when the app stops) writes
/// what was counted. When the blog's day ends (in its time zone) the day's figures are written and the tally starts
/// the next day with a new salt. A crash loses the reads since the last write, never a stored day.
/// </summary>
public sealed partial class StatisticsRecorder(
    PendingReads queue, ReadTally tally, FiguresWriter writer, SiteContext site, TimeProvider clock,
    IOptions<StatisticsOptions> options, BackgroundStart start, ILogger<StatisticsRecorder> logger) : BackgroundService
{
    private static readonly TimeSpan TallyInterval = TimeSpan.FromMilliseconds(250);
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>Tallies what is queued and writes it now (the tests, and the app stopping, use this).</summary>
    public Task FlushAsync(CancellationToken cancellationToken = default) => TallyAsync(write: true, cancellationToken);

    /// <summary>Stopping: what is queued is written under the day being counted (the app's other services may be gone already).</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (!options.Value.Enabled)
        {
            return;
        }

        await gate.WaitAsync(CancellationToken.None);
        try
        {
            if (tally.Day == default)
            {
                tally.StartDay(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
            }

            while (queue.TryTake(out var read))
            {
                tally.Add(read);
            }

            await writer.WriteAsync(tally.TakeFigures(), CancellationToken.None);
        }
        catch (Exception exception)
        {
            LogNotWrittenOnStop(logger, exception);
        }
        finally
        {
            gate.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        if (!await start.WaitAsync(stoppingToken))
        {
            return;
        }

        // Wall-clock ticks (the app's TimeProvider says which day it is, and tests move that one by hand).
        using var timer = new PeriodicTimer(TallyInterval);
        var sinceWrite = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var write = sinceWrite.Elapsed >= options.Value.FlushInterval;
                try
                {
                    await TallyAsync(write, stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogNotWritten(logger, exception);
                }

                if (write)
                {
                    sinceWrite.Restart();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync writes what is left.
        }
    }

    private async Task TallyAsync(bool write, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            var today = await TodayAsync(cancellationToken);
            if (tally.Day != today)
            {
                // The day's figures go out with the day; then its salt and hashes are forgotten.
                await WriteAsync(tally.TakeFigures(), cancellationToken);
                tally.StartDay(today);
                if (options.Value.KeepDays > 0)
                {
                    await writer.DeleteBeforeAsync(today.AddDays(1 - options.Value.KeepDays), cancellationToken);
                }
            }

            while (queue.TryTake(out var read))
            {
                tally.Add(read);
            }

            if (write && tally.HasPending)
            {
                await WriteAsync(tally.TakeFigures(), cancellationToken);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task WriteAsync(TallyFigures figures, CancellationToken cancellationToken)
    {
        try
        {
            await writer.WriteAsync(figures, cancellationToken);
        }
        catch
        {
            tally.Return(figures);
            throw;
        }
    }

    private async Task<DateOnly> TodayAsync(CancellationToken cancellationToken)
    {
        var chrome = await site.GetAsync(cancellationToken);
        return DateOnly.FromDateTime(chrome.Dates.ToLocal(clock.GetUtcNow().UtcDateTime).DateTime);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reader statistics could not be written while stopping.")]
    private static partial void LogNotWrittenOnStop(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reader statistics could not be written; they are kept for the next try.")]
    private static partial void LogNotWritten(ILogger logger, Exception exception);
}
