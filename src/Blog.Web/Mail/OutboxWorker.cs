using Blog.Web.Data;
using Blog.Web.Hosting;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Blog.Web.Mail;

/// <summary>
/// Sends the outbox: claims due emails in batches under a lease (one UPDATE, so two workers never take the same one),
/// sends them over one connection at the configured pace, and records each outcome at once: sent, retried later with
/// a doubling delay, or failed for good. An email whose claim ran out (the process died mid-batch) is due again.
/// </summary>
public sealed partial class OutboxWorker(
    IServiceScopeFactory scopes, OutboxSignal signal, TimeProvider clock, IOptions<MailOptions> options, BackgroundStart start, ILogger<OutboxWorker> logger)
    : BackgroundService
{
    private DateTime windowStart;
    private int sentInWindow;
    private bool serverMissing;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await start.WaitAsync(stoppingToken))
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var more = false;
            try
            {
                more = await SendDueAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // A failure here (the database busy, a bug) must not stop email for good: the claims run out and are retried.
                LogWorkerFailed(logger, e);
            }

            if (!more)
            {
                await signal.WaitAsync(await UntilNextDueAsync(stoppingToken), clock, stoppingToken);
            }
        }
    }

    /// <summary>Sends one batch of due emails; true when a full batch went, so more may be waiting.</summary>
    public async Task<bool> SendDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BlogDbContext>();
        var server = await scope.ServiceProvider.GetRequiredService<SmtpServers>().FindAsync(db, cancellationToken);
        serverMissing = server is null;
        if (server is null)
        {
            return false; // no mail server: the emails wait, and the dashboard says so
        }

        var settings = options.Value;
        var batch = await ClaimAsync(db, settings, cancellationToken);
        if (batch.Count == 0)
        {
            return false;
        }

        return await SendAsync(scope.ServiceProvider, db, server, batch, settings, cancellationToken);
    }

    /// <summary>
    /// Sends a claimed batch over one connection. Apart from <see cref="SendDueAsync"/> so that a pass with nothing to
    /// send (every pass at start-up) does not load MailKit and MimeKit.
    /// </summary>
    private async Task<bool> SendAsync(
        IServiceProvider services, BlogDbContext db, SmtpServer server, List<OutboxMessage> batch, MailOptions settings, CancellationToken cancellationToken)
    {
        SmtpClient? client = null;
        try
        {
            foreach (var message in batch)
            {
                SendOutcome outcome;
                if (client is null)
                {
                    try
                    {
                        client = await services.GetRequiredService<SmtpMailer>().ConnectAsync(server, cancellationToken);
                    }
                    catch (Exception e) when (SmtpMailer.IsConnectionFailure(e) && !cancellationToken.IsCancellationRequested)
                    {
                        // Nothing of this batch can go: each is retried later, none loses an attempt more than it used.
                        LogServerUnreachable(logger, e, server.Host, server.Port);
                        var failed = new SendOutcome(false, false, null, null, SmtpMailer.Describe(e));
                        foreach (var waiting in batch.Where(m => m.Status == OutboxStatus.Sending))
                        {
                            await RecordAsync(db, waiting, failed, settings);
                        }

                        return false;
                    }
                }

                await KeepPaceAsync(settings, cancellationToken);
                outcome = await SmtpMailer.SendAsync(client, SmtpMailer.Build(message, server), cancellationToken);
                await RecordAsync(db, message, outcome, settings);
                if (outcome.ConnectionLost)
                {
                    client.Dispose();
                    client = null;
                }
            }
        }
        finally
        {
            if (client is not null)
            {
                await DisconnectQuietlyAsync(client);
            }
        }

        return batch.Count == settings.BatchSize;
    }

    /// <summary>The wait until the next retry or lease end is due, at most the poll interval (which also notices a new server).</summary>
    private async Task<TimeSpan> UntilNextDueAsync(CancellationToken cancellationToken)
    {
        var poll = options.Value.PollInterval;
        if (serverMissing)
        {
            return poll; // nothing can go until a server is set (saving one wakes the worker)
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<BlogDbContext>();
            var nextRetry = await db.OutboxMessages.Where(m => m.Status == OutboxStatus.Pending).MinAsync(m => (DateTime?)m.NextAttemptAt, cancellationToken);
            var nextLeaseEnd = await db.OutboxMessages.Where(m => m.Status == OutboxStatus.Sending).MinAsync(m => m.LeaseUntil, cancellationToken);
            var next = new[] { nextRetry, nextLeaseEnd }.Where(t => t is not null).Min();
            if (next is null)
            {
                return poll;
            }

            var wait = next.Value - clock.GetUtcNow().UtcDateTime;
            return wait < TimeSpan.Zero ? TimeSpan.FromMilliseconds(1) : wait < poll ? wait : poll;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogWorkerFailed(logger, e);
            return poll;
        }
    }

    private async Task<List<OutboxMessage>> ClaimAsync(BlogDbContext db, MailOptions settings, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var token = Guid.NewGuid().ToString("N");
        var perMessage = settings.MessagesPerMinute > 0 ? TimeSpan.FromMinutes(1.0 / settings.MessagesPerMinute) : TimeSpan.Zero;
        var leaseUntil = now + settings.Lease + (perMessage * settings.BatchSize);

        // The due emails (waiting, or claimed by a worker whose lease ran out) become this worker's. The claim's WHERE
        // repeats the condition on each row rather than trusting the list read just before: another instance may claim
        // the same rows in between, and then only one UPDATE matches each (SQLite writes one statement at a time;
        // PostgreSQL makes the later UPDATE re-check the row it waited for and skip it).
        var candidates = await Due(db, now).OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
            .Select(m => m.Id).Take(settings.BatchSize).ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return [];
        }

        await Due(db, now).Where(m => candidates.Contains(m.Id))
            .ExecuteUpdateAsync(set => set
                .SetProperty(m => m.Status, OutboxStatus.Sending)
                .SetProperty(m => m.ClaimToken, token)
                .SetProperty(m => m.LeaseUntil, leaseUntil)
                .SetProperty(m => m.Attempts, m => m.Attempts + 1), cancellationToken);
        return await db.OutboxMessages.AsNoTracking().Where(m => m.ClaimToken == token && m.Status == OutboxStatus.Sending)
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id).ToListAsync(cancellationToken);
    }

    private static IQueryable<OutboxMessage> Due(BlogDbContext db, DateTime now) =>
        db.OutboxMessages.Where(m => (m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now) || (m.Status == OutboxStatus.Sending && m.LeaseUntil <= now));

    /// <summary>
    /// Records one outcome right after the server answered: this one-row UPDATE is the only moment where a crash can
    /// make an accepted email be sent again. Not cancelled by shutdown, so an accepted email is recorded as sent.
    /// </summary>
    private async Task RecordAsync(BlogDbContext db, OutboxMessage message, SendOutcome outcome, MailOptions settings)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var mine = db.OutboxMessages.Where(m => m.Id == message.Id && m.ClaimToken == message.ClaimToken);
        if (outcome.Sent)
        {
            await mine.ExecuteUpdateAsync(set => set
                .SetProperty(m => m.Status, OutboxStatus.Sent).SetProperty(m => m.SentAt, now)
                .SetProperty(m => m.ServerStatusCode, outcome.StatusCode).SetProperty(m => m.ServerResponse, Trim(outcome.ServerResponse))
                .SetProperty(m => m.LeaseUntil, (DateTime?)null), CancellationToken.None);
            message.Status = OutboxStatus.Sent;
            LogSent(logger, message.Id, message.Purpose);
            return;
        }

        var giveUp = outcome.Permanent || message.Attempts >= settings.MaxAttempts;
        var delay = RetryDelay(message.Attempts, settings);
        await mine.ExecuteUpdateAsync(set => set
            .SetProperty(m => m.Status, giveUp ? OutboxStatus.Failed : OutboxStatus.Pending)
            .SetProperty(m => m.NextAttemptAt, now + delay)
            .SetProperty(m => m.LastError, Trim(outcome.Error))
            .SetProperty(m => m.ServerStatusCode, outcome.StatusCode)
            .SetProperty(m => m.ServerResponse, Trim(outcome.ServerResponse))
            .SetProperty(m => m.LeaseUntil, (DateTime?)null), CancellationToken.None);
        message.Status = giveUp ? OutboxStatus.Failed : OutboxStatus.Pending;
        LogNotSent(logger, message.Id, message.Attempts, giveUp, outcome.Error);
    }

    /// <summary>The wait after <paramref name="attempts"/> failed attempts: the first delay, doubled each time, capped.</summary>
    public static TimeSpan RetryDelay(int attempts, MailOptions settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var factor = Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(settings.RetryDelay.Ticks * factor, settings.MaxRetryDelay.Ticks));
        return delay;
    }

    /// <summary>At most MessagesPerMinute in any one-minute window of the clock.</summary>
    private async Task KeepPaceAsync(MailOptions settings, CancellationToken cancellationToken)
    {
        if (settings.MessagesPerMinute <= 0)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (now - windowStart >= TimeSpan.FromMinutes(1))
        {
            windowStart = now;
            sentInWindow = 0;
        }

        if (sentInWindow >= settings.MessagesPerMinute)
        {
            await Task.Delay(windowStart.AddMinutes(1) - now, clock, cancellationToken);
            windowStart = clock.GetUtcNow().UtcDateTime;
            sentInWindow = 0;
        }

        sentInWindow++;
    }

    private static async Task DisconnectQuietlyAsync(SmtpClient client)
    {
        try
        {
            if (client.IsConnected)
            {
                using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await client.DisconnectAsync(true, quick.Token);
            }
        }
        catch (Exception e) when (SmtpMailer.IsConnectionFailure(e))
        {
            // Everything was recorded already; a failed QUIT changes nothing.
        }
        finally
        {
            client.Dispose();
        }
    }

    private static string? Trim(string? text) => text is { Length: > 1000 } ? text[..1000] : text;

    [LoggerMessage(Level = LogLevel.Error, Message = "The outbox worker failed; it tries again at the next poll")]
    private static partial void LogWorkerFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The mail server {Host}:{Port} could not be reached; emails are retried later")]
    private static partial void LogServerUnreachable(ILogger logger, Exception exception, string host, int port);

    [LoggerMessage(Level = LogLevel.Information, Message = "Email {MessageId} ({Purpose}) sent")]
    private static partial void LogSent(ILogger logger, int messageId, string purpose);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Email {MessageId} not sent (attempt {Attempts}, given up: {GivenUp}): {Error}")]
    private static partial void LogNotSent(ILogger logger, int messageId, int attempts, bool givenUp, string? error);
}
