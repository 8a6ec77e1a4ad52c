using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Blog.Web.Tests.Infrastructure;

/// <summary>
/// Does to the blog's file what Litestream does, from another process (the test assembly run as a console program:
/// <c>dotnet Blog.Web.Tests.dll litestream-stand-in &lt;db&gt; &lt;folder&gt;</c>, so a CI machine needs nothing but
/// .NET). Like Litestream it keeps its own tables in the file, holds a long read transaction so no checkpoint can
/// recycle the WAL under it, copies the new bytes of the <c>-wal</c> file again and again into a shadow WAL, and, with
/// the read transaction released, writes its sequence row and runs a PASSIVE checkpoint. Now and then, inside the read
/// transaction, it copies the database file and then its WAL into a snapshot folder, as a restore reassembles a
/// replica, with the ids of the posts its transaction sees. It stops when its standard input closes and prints one line
/// of figures; any error ends it with exit code 1.
/// </summary>
public static class LitestreamStandIn
{
    public const string Command = "litestream-stand-in";

    public static async Task<int> RunAsync(string databasePath, string folder)
    {
        try
        {
            using var stop = new CancellationTokenSource();
            _ = Task.Run(async () =>
            {
                await Console.In.ReadToEndAsync();
                await stop.CancelAsync();
            });

            var figures = await ReplicateAsync(databasePath, folder, stop.Token);
            Console.WriteLine(figures);
            return 0;
        }
#pragma warning disable CA1031 // whatever went wrong, the test reads it from the output
        catch (Exception error)
#pragma warning restore CA1031
        {
            Console.WriteLine("FAILED: " + error);
            return 1;
        }
    }

    private static async Task<string> ReplicateAsync(string databasePath, string folder, CancellationToken stop)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false };
        await using var connection = new SqliteConnection(builder.ToString());
        await connection.OpenAsync(CancellationToken.None);
        await ExecuteAsync(connection, """
            PRAGMA busy_timeout = 5000;
            CREATE TABLE IF NOT EXISTS _litestream_seq (id INTEGER PRIMARY KEY, seq INTEGER);
            CREATE TABLE IF NOT EXISTS _litestream_lock (id INTEGER);
            """);
        Console.WriteLine("ready");
        await Console.Out.FlushAsync(CancellationToken.None);

        var walPath = databasePath + "-wal";
        var shadow = Path.Combine(folder, "shadow.wal");
        long copiedBytes = 0, offset = 0;
        int cycles = 0, copies = 0, checkpoints = 0, snapshots = 0;
        var clock = Stopwatch.StartNew();
        while (!stop.IsCancellationRequested)
        {
            cycles++;
            // Deferred: a read transaction, never the write lock (Microsoft.Data.Sqlite's default is BEGIN IMMEDIATE).
            await using (var read = connection.BeginTransaction(deferred: true))
            {
                // The read lock starts with the first read, as Litestream's "SELECT COUNT(1) FROM _litestream_seq".
                await QueryIdsAsync(connection, read, "SELECT COUNT(1) FROM _litestream_seq");
                for (var i = 0; i < 8 && !stop.IsCancellationRequested; i++)
                {
                    (offset, var copied) = CopyNewWalBytes(walPath, shadow, offset);
                    copiedBytes += copied;
                    copies++;
                    await Task.Delay(40, CancellationToken.None);
                }

                if (cycles % 2 == 1)
                {
                    // A replica reassembled: the database file, then its WAL, both copied under this read transaction.
                    var ids = await QueryIdsAsync(connection, read, "SELECT Id FROM Posts ORDER BY Id");
                    var snapshot = Path.Combine(folder, "snapshot-" + (++snapshots).ToString(CultureInfo.InvariantCulture));
                    Directory.CreateDirectory(snapshot);
                    CopyShared(databasePath, Path.Combine(snapshot, "blog.db"));
                    CopyShared(walPath, Path.Combine(snapshot, "blog.db-wal"));
                    await File.WriteAllLinesAsync(Path.Combine(snapshot, "ids.txt"), ids.Select(id => id.ToString(CultureInfo.InvariantCulture)), CancellationToken.None);
                    File.Move(Path.Combine(snapshot, "ids.txt"), Path.Combine(snapshot, "done.txt"));
                }

                await read.CommitAsync(CancellationToken.None);
            }

            // Outside the read transaction: Litestream's own write, then the checkpoint it allows itself.
            await ExecuteAsync(connection, "INSERT INTO _litestream_seq (id, seq) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET seq = seq + 1;");
            await ExecuteAsync(connection, "PRAGMA wal_checkpoint(PASSIVE);");
            checkpoints++;
            offset = 0; // a checkpointed WAL may start again from its beginning: copy it whole next time
        }

        return string.Create(CultureInfo.InvariantCulture,
            $"cycles={cycles} copies={copies} bytes={copiedBytes} checkpoints={checkpoints} snapshots={snapshots} seconds={clock.Elapsed.TotalSeconds:0.0}");
    }

    private static (long Offset, long Copied) CopyNewWalBytes(string walPath, string shadow, long offset)
    {
        using var wal = new FileStream(walPath, FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (wal.Length < offset)
        {
            offset = 0;
        }

        wal.Seek(offset, SeekOrigin.Begin);
        using var target = new FileStream(shadow, offset == 0 ? FileMode.Create : FileMode.Append, FileAccess.Write);
        wal.CopyTo(target);
        return (wal.Length, wal.Length - offset);
    }

    private static void CopyShared(string source, string target)
    {
        using var from = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var to = new FileStream(target, FileMode.CreateNew, FileAccess.Write);
        from.CopyTo(to);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }

    private static async Task<List<long>> QueryIdsAsync(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(CancellationToken.None);
        while (await reader.ReadAsync(CancellationToken.None))
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }
}

/// <summary>
/// The test assembly's entry point. The test runner loads the assembly as a library and never calls it; run with
/// <c>dotnet</c>, it offers helper processes that tests start beside the app (<see cref="LitestreamStandIn"/>).
/// </summary>
public static class TestAssemblyProgram
{
    public static async Task<int> Main(string[] args) =>
        args is [LitestreamStandIn.Command, var database, var folder]
            ? await LitestreamStandIn.RunAsync(database, folder)
            : 2;
}
