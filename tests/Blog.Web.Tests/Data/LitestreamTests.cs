using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Blog.Web.Tests.Infrastructure;
using Blog.Web.Tests.Media;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Tests.Data;

/// <summary>
/// The blog served by Kestrel over its real file while another process does what Litestream does to that file
/// (<see cref="LitestreamStandIn"/>): long read transactions, the WAL copied again and again, its own writes and
/// PASSIVE checkpoints. No Litestream binary is needed.
/// </summary>
public sealed class LitestreamTests : IDisposable
{
    private static readonly string[] ReadUrls = ["/", "/blog/before-replication", "/feed/rss", "/archive"];

    private readonly KestrelBlogFactory app = new();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task The_blog_saves_uploads_and_serves_while_a_replicator_reads_its_wal_and_a_replica_restores_every_post()
    {
        var owner = await app.SignInAsOwnerAsync();
        var reader = app.CreateReader();
        var published = new ConcurrentBag<int>();
        published.Add(await PublishAsync(owner, "Before replication", "Written before the replicator started."));

        var folder = Path.Combine(Path.GetDirectoryName(app.DatabasePath)!, "replica");
        Directory.CreateDirectory(folder);
        using var standIn = StartStandIn(folder);
        Assert.Equal("ready", await standIn.StandardOutput.ReadLineAsync());

        var failures = new ConcurrentQueue<string>();
        var photos = 0;
        var writing = Task.Run(async () =>
        {
            for (var i = 0; i < 14; i++)
            {
                published.Add(await PublishAsync(owner, $"Replicated post {i}", $"Paragraph {i} of a **replicated** post."));
                if (i % 4 == 0)
                {
                    var upload = await owner.UploadAsync($"Photo {i}", new UploadFile($"photo-{i}.jpg", TestImages.Jpeg(320, 240)));
                    Record(failures, "upload", upload, HttpStatusCode.Redirect);
                    photos++;
                }
            }
        });
        var readingCount = 0;
        var reading = Task.Run(async () =>
        {
            while (!writing.IsCompleted)
            {
                foreach (var url in ReadUrls)
                {
                    Record(failures, url, await reader.GetAsync(url), HttpStatusCode.OK);
                    Interlocked.Increment(ref readingCount);
                }
            }
        });
        await Task.WhenAll(writing, reading);

        // Let the stand-in take two more replicas, so at least one began after the last save, then stop it.
        var taken = DoneSnapshots(folder).Count;
        for (var waited = 0; DoneSnapshots(folder).Count < taken + 2 && waited < 100; waited++)
        {
            await Task.Delay(50);
        }

        standIn.StandardInput.Close();
        var output = await standIn.StandardOutput.ReadToEndAsync();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
        {
            await standIn.WaitForExitAsync(timeout.Token);
        }

        Assert.True(standIn.ExitCode == 0, output + await standIn.StandardError.ReadToEndAsync());
        var figures = Regex.Match(output, @"cycles=(\d+) copies=(\d+) bytes=(\d+) checkpoints=(\d+) snapshots=(\d+)");
        Assert.True(figures.Success, output);
        Assert.True(int.Parse(figures.Groups[2].Value, CultureInfo.InvariantCulture) > 10, output);
        Assert.True(long.Parse(figures.Groups[3].Value, CultureInfo.InvariantCulture) > 0, output);

        // Every request succeeded, and nothing was ever locked.
        Assert.Empty(failures);
        Assert.True(readingCount > 20, $"only {readingCount} reads");
        Assert.DoesNotContain(app.Logs.Messages, m => m.Contains("database is locked", StringComparison.OrdinalIgnoreCase));

        // All the data is there, in a file still in WAL mode and intact.
        var stored = await app.WithDbAsync((db, _) => db.Posts.Select(p => p.Id).ToListAsync());
        Assert.Subset(stored.ToHashSet(), published.ToHashSet());
        Assert.Equal(photos, await app.WithDbAsync((db, _) => db.MediaItems.CountAsync()));
        await using (var live = await OpenAsync(app.DatabasePath))
        {
            Assert.Equal("wal", await ScalarAsync(live, "PRAGMA journal_mode;"));
            Assert.Equal("ok", await ScalarAsync(live, "PRAGMA integrity_check;"));
        }

        // Each replica reassembled under a read transaction opens intact, with every post its transaction saw, and the
        // last one, taken after the last save, has every post.
        var snapshots = DoneSnapshots(folder);
        Assert.True(snapshots.Count >= 2, output);
        var latest = new List<long>();
        foreach (var snapshot in snapshots)
        {
            var seen = (await File.ReadAllLinesAsync(Path.Combine(snapshot, "done.txt"))).Select(long.Parse).ToList();
            await using var restored = await OpenAsync(Path.Combine(snapshot, "blog.db"));
            Assert.Equal("ok", await ScalarAsync(restored, "PRAGMA integrity_check;"));
            var ids = await IdsAsync(restored);
            Assert.Subset(ids.ToHashSet(), seen.ToHashSet());
            latest = ids;
        }

        Assert.Subset(latest.ToHashSet(), published.Select(id => (long)id).ToHashSet());
    }

    [Fact]
    public void The_blog_never_forces_a_checkpoint_or_leaves_wal_mode()
    {
        // A TRUNCATE or RESTART checkpoint waits for (and blocks) every reader, Litestream included; any journal mode
        // but WAL, or an exclusive lock, stops replication altogether.
        var forbidden = new Regex(@"wal_checkpoint\s*\(\s*(TRUNCATE|RESTART|FULL)|journal_mode\s*=\s*(?!WAL)\w+|locking_mode\s*=\s*EXCLUSIVE", RegexOptions.IgnoreCase);
        var offending = Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => forbidden.IsMatch(File.ReadAllText(f)))
            .ToList();
        Assert.Empty(offending);
    }

    private static List<string> DoneSnapshots(string folder) =>
        Directory.GetDirectories(folder, "snapshot-*")
            .Where(s => File.Exists(Path.Combine(s, "done.txt")))
            .OrderBy(s => int.Parse(s[(s.LastIndexOf('-') + 1)..], CultureInfo.InvariantCulture))
            .ToList();

    private static void Record(ConcurrentQueue<string> failures, string what, HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
        {
            failures.Enqueue($"{what}: {(int)response.StatusCode}");
        }

        response.Dispose();
    }

    private static async Task<int> PublishAsync(HttpClient owner, string title, string body)
    {
        var response = await owner.SubmitFormAsync("/admin/posts/new", new Dictionary<string, string>
        {
            ["Input.Title"] = title, ["Input.Body"] = body, ["action"] = "publish",
        }, "#content-editor");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return int.Parse(response.Headers.Location!.ToString().Split('/').Last(), CultureInfo.InvariantCulture);
    }

    private Process StartStandIn(string folder)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(typeof(LitestreamStandIn).Assembly.Location);
        start.ArgumentList.Add(LitestreamStandIn.Command);
        start.ArgumentList.Add(app.DatabasePath);
        start.ArgumentList.Add(folder);
        return Process.Start(start)!;
    }

    private static async Task<SqliteConnection> OpenAsync(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<string?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task<List<long>> IdsAsync(SqliteConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Id FROM Posts";
        var ids = new List<long>();
        await using var rows = await command.ExecuteReaderAsync();
        while (await rows.ReadAsync())
        {
            ids.Add(rows.GetInt64(0));
        }

        return ids;
    }
}
