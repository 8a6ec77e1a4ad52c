using Blog.Web.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Blog.Web.Instances;

/// <summary>
/// Cache eviction between instances through PostgreSQL's <c>LISTEN/NOTIFY</c>: a save sends <c>pg_notify</c> inside
/// its own transaction when it has one open (PostgreSQL delivers it at the commit, and never if it rolls back), or
/// right after its commit. Each instance listens on one dedicated connection; a message from itself is ignored, any
/// other evicts what it names. Notifications sent while the connection was down are lost, so losing it evicts
/// everything, and so does every (re)connection, which is retried with a doubling wait.
/// </summary>
public sealed partial class PostgresEvictionBus : BackgroundService, ICacheEvictionBus
{
    public const string Channel = "blog_cache_evictions";

    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(30);

    private readonly InstanceIdentity instance;
    private readonly IEnumerable<IContentChangeListener> listeners;
    private readonly ILogger<PostgresEvictionBus> logger;
    private readonly NpgsqlDataSource sender;
    private readonly NpgsqlDataSource listening;
    private int connections;

    public PostgresEvictionBus(string connectionString, InstanceIdentity instance, IEnumerable<IContentChangeListener> listeners, ILogger<PostgresEvictionBus> logger)
    {
        (this.instance, this.listeners, this.logger) = (instance, listeners, logger);
        sender = NpgsqlDataSource.Create(connectionString);

        // The listening connection lives for hours: not from the pool, and probed by keepalives so that a server or
        // network that vanished is noticed (and everything evicted) instead of waited on forever.
        listening = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString)
        {
            Pooling = false, KeepAlive = 10, TcpKeepAlive = true, ApplicationName = "blog cache evictions",
        }.ConnectionString);
    }

    /// <summary>How many times the listening connection was (re)established: the tests watch it.</summary>
    public int Connections => Volatile.Read(ref connections);

    public async ValueTask PublishAsync(DbContext? db, IReadOnlyCollection<string>? tags, CancellationToken cancellationToken)
    {
        var payload = EvictionMessage.Write(instance.Id, tags);
        try
        {
            if (db?.Database.CurrentTransaction is not null)
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_notify({Channel}, {payload})", cancellationToken);
                return;
            }

            await using var command = sender.CreateCommand("SELECT pg_notify($1, $2)");
            command.Parameters.Add(new NpgsqlParameter { Value = Channel });
            command.Parameters.Add(new NpgsqlParameter { Value = payload });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // The save stands; other instances' copies stay until their next eviction (their reconnection evicts all).
            LogNotSent(logger, e);
        }
    }

    public void Publish(DbContext? db, IReadOnlyCollection<string>? tags)
    {
        if (db?.Database.CurrentTransaction is not null)
        {
            PublishAsync(db, tags, CancellationToken.None).AsTask().GetAwaiter().GetResult();
            return;
        }

        _ = PublishAsync(null, tags, CancellationToken.None).AsTask();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var wait = FirstRetry;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await listening.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) => Receive(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                // Whatever was saved while this instance was not listening could not reach it.
                EvictionMessage.Apply(listeners, null);
                var count = Interlocked.Increment(ref connections);
                LogListening(logger, count);
                wait = FirstRetry;
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                EvictionMessage.Apply(listeners, null);
                LogConnectionLost(logger, e, wait);
                await Task.Delay(wait, stoppingToken);
                wait = wait * 2 < LastRetry ? wait * 2 : LastRetry;
            }
        }
    }

    private void Receive(string payload)
    {
        if (EvictionMessage.Read(payload) is not { } message || message.Sender == instance.Id)
        {
            return;
        }

        EvictionMessage.Apply(listeners, message.Tags);
    }

    public override void Dispose()
    {
        base.Dispose();
        sender.Dispose();
        listening.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening for other instances' cache evictions (connection {Count})")]
    private static partial void LogListening(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The cache-eviction connection to PostgreSQL was lost; everything was evicted, reconnecting in {Wait}")]
    private static partial void LogConnectionLost(ILogger logger, Exception exception, TimeSpan wait);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A cache eviction could not be sent to the other instances")]
    private static partial void LogNotSent(ILogger logger, Exception exception);
}
