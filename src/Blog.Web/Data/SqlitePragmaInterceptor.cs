using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Blog.Web.Data;

/// <summary>
/// Sets the per-connection SQLite pragmas: a writer waits for another writer instead of failing with
/// "database is locked", and WAL's NORMAL synchronous mode keeps commits durable without an fsync each.
/// (WAL itself is a property of the file, set once at start-up.) The pragmas belong to the native connection, which
/// Microsoft.Data.Sqlite pools: they are set the first time a native connection is opened, not on every query.
/// The busy timeout is also what lets a replicator such as Litestream (another process holding a read transaction and
/// taking short write locks to checkpoint) work beside the blog without a save ever failing. The blog itself never
/// checkpoints by hand: SQLite's automatic checkpoint is PASSIVE (it never waits for or blocks a reader), and
/// <c>Blog:Database:WalAutocheckpoint</c> (pages) can change its threshold or
/// turn it off (0) to leave every checkpoint to the replicator.
/// </summary>
internal sealed class SqlitePragmaInterceptor(int? walAutocheckpoint = null) : DbConnectionInterceptor
{
    private const string CommonPragmas = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;";

    private static readonly ConditionalWeakTable<object, object> Prepared = [];

    private readonly string pragmas = walAutocheckpoint is { } pages
        ? CommonPragmas + FormattableString.Invariant($" PRAGMA wal_autocheckpoint = {pages};")
        : CommonPragmas;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (!NeedsPragmas(connection, out var handle))
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = pragmas;
        command.ExecuteNonQuery();
        Prepared.AddOrUpdate(handle, Prepared);
    }

    public override async Task ConnectionOpenedAsync(
        DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (!NeedsPragmas(connection, out var handle))
        {
            return;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
        Prepared.AddOrUpdate(handle, Prepared);
    }

    private static bool NeedsPragmas(DbConnection connection, out object handle)
    {
        handle = (object?)(connection as SqliteConnection)?.Handle ?? connection;
        return !Prepared.TryGetValue(handle, out _);
    }
}
