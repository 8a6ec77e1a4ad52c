using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Blog.Web.Tests.Infrastructure;
using Xunit.Abstractions;
using Blog.Web.Tests.Media;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Blog.Web.Tests.Data;

/// <summary>
/// The blog served by Kestrel over its real file while another process does what Litestream does to that file
/// (<see cref="LitestreamStandIn"/>): long read transactions, the WAL copied again and again, its own writes and
/// PASSIVE checkpoints. No Litestream binary is needed.
/// </summary>
public sealed class LitestreamTests(ITestOutputHelper log) : IDisposable
{
    private static readonly string[] ReadUrls = ["/", "/blog/before-replication", "/feed/rss", "/archive"];

    internal static readonly ConcurrentQueue<string> Exceptions = new();

    private readonly KestrelBlogFactory app = new()
    {
        ExtraServices = services => services.AddSingleton<ILoggerProvider>(new ExceptionLog()),
    };
    private readonly List<HttpClient> clients = [];
    private Process? standIn;

    public void Dispose()
    {
        clients.ForEach(c => c.Dispose());
        if (standIn is { HasExited: false })
        {
            standIn.Kill(); // only when the test failed before stopping it
        }

        standIn?.Dispose();
        app.Dispose();
    }

    [Fact]
    public async Task The_blog_saves_uploads_and_serves_while_a_replicator_reads_its_wal_and_a_replica_restores_every_post()
    {
        await app.CreateOwnerAsync();
        var owner = Client(cookies: true);
        var signIn = await owner.SubmitFormAsync("/admin/account/login", new Dictionary<string, string>
        {
            ["Input.Email"] = OwnerSession.Email, ["Input.Password"] = OwnerSession.Password,
        }, formSelector: "#login-form");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var reader = Client(cookies: false);
        var published = new ConcurrentBag<int>();
        published.Add(await PublishAsync(owner, "Before replication", "Written before the replicator started."));

        var folder = Path.Combine(Path.GetDirectoryName(app.DatabasePath)!, "replica");
        Directory.CreateDirectory(folder);
        var standIn = this.standIn = StartStandIn(folder);
        Assert.Equal("ready", await standIn.StandardOutput.ReadLineAsync());

        var failures = new ConcurrentQueue<string>();
        var photos = 0;
        long slowest = 0;
        var writing = Task.Run(async () =>
        {
            // Saves spread over a few seconds, so they meet the replicator's read transactions, copies and checkpoints.
            for (var i = 0; i < 20; i++)
            {
                var one = Stopwatch.StartNew();
                published.Add(await PublishAsync(owner, $"Replicated post {i}", $"Paragraph {i} of a **replicated** post."));
                if (i % 5 == 0)
                {
                    var upload = await owner.UploadAsync($"Photo {i}", new UploadFile($"photo-{i}.jpg", TestImages.Jpeg(320, 240)));
                    Record(failures, "upload", upload, HttpStatusCode.Redirect);
                    photos++;
                }

                if (i == 10)
                {
                    // The owner's backup (VACUUM INTO) reads the file meanwhile, and must leave it in WAL mode.
                    var backup = await owner.SubmitFormAsync("/admin/backup", new Dictionary<string, string>(), "#backup-form");
                    var bytes = await backup.Content.ReadAsByteArrayAsync();
                    Assert.True(backup.StatusCode == HttpStatusCode.OK && bytes.AsSpan().StartsWith("SQLite format 3"u8), $"backup: {(int)backup.StatusCode}");
                }

                slowest = Math.Max(slowest, one.ElapsedMilliseconds);
                await Task.Delay(100);
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

                await Task.Delay(15); // a steady stream of readers, leaving the two cores of a CI machine to the saves
            }
        });
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(writing, reading);
        log.WriteLine($"writes done {watch.Elapsed}, slowest save {slowest} ms, reads {readingCount}");

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

        log.WriteLine($"stand-in stopped {watch.Elapsed}: {output}");
        Assert.True(standIn.ExitCode == 0, output + await standIn.StandardError.ReadToEndAsync());
        var figures = Regex.Match(output, @"cycles=(\d+) copies=(\d+) bytes=(\d+) checkpoints=(\d+) snapshots=(\d+)");
        Assert.True(figures.Success, output);
        Assert.True(int.Parse(figures.Groups[2].Value, CultureInfo.InvariantCulture) > 10, output);
        Assert.True(long.Parse(figures.Groups[3].Value, CultureInfo.InvariantCulture) > 0, output);

        // Every request succeeded, and nothing was ever locked.
        Assert.True(failures.IsEmpty, string.Join("\n", failures.Concat(Exceptions)));
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
        log.WriteLine($"checked {watch.Elapsed}");
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

    /// <summary>A plain HTTP client of the real Kestrel port, following no redirect, as a browser without JavaScript.</summary>
    private HttpClient Client(bool cookies)
    {
        var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = cookies })
        {
            BaseAddress = new Uri(app.BaseAddress),
        };
        clients.Add(client);
        return client;
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
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{title}: {(int)response.StatusCode}\n{string.Join("\n", Exceptions)}");
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

/// <summary>Keeps the exceptions the app logs, to say why a request failed.</summary>
internal sealed class ExceptionLog : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger();

    public void Dispose()
    {
    }

    private sealed class Logger : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (exception is not null)
            {
                LitestreamTests.Exceptions.Enqueue(exception.ToString());
            }
        }
    }
}

/// <summary><c>Blog:Database:WalAutocheckpoint</c>: 0 leaves every checkpoint to Litestream.</summary>
public sealed class WalAutocheckpointSettingTests : IDisposable
{
    private readonly BlogFactory app = new() { Settings = { ["Blog:Database:WalAutocheckpoint"] = "0" } };

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task The_setting_reaches_every_connection_and_the_file_stays_in_wal_mode()
    {
        var (pages, mode) = await app.WithDbAsync(async (db, _) =>
        {
            await db.Database.OpenConnectionAsync();
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA wal_autocheckpoint;";
            var autocheckpoint = Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
            command.CommandText = "PRAGMA journal_mode;";
            return (autocheckpoint, Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture));
        });
        Assert.Equal(0, pages);
        Assert.Equal("wal", mode);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("many")]
    public void A_wrong_value_is_refused_at_start_with_its_name(string value)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Blog:Database:WalAutocheckpoint"] = value })
            .Build();
        var error = Assert.Throws<InvalidOperationException>(() => Blog.Web.Data.DataServiceCollectionExtensions.WalAutocheckpoint(configuration));
        Assert.Contains("Blog:Database:WalAutocheckpoint", error.Message, StringComparison.Ordinal);
    }
}
