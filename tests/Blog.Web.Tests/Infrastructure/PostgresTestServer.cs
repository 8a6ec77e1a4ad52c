using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Blog.Web.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL for the tests: one server per test run, started on first use from the machine's own binaries
/// (Debian's <c>postgresql</c> package: /usr/lib/postgresql/N/bin, or the folder in <c>BLOG_TEST_POSTGRES_BIN</c>) in a
/// temporary data folder on a free port, and stopped when the test process exits. Each factory asks for a fresh
/// database of its own (<see cref="CreateDatabaseAsync"/>). When the server cannot be started, every PostgreSQL test
/// fails with the reason: they are never skipped quietly.
/// </summary>
public static class PostgresTestServer
{
    private const string User = "blog";

    private static readonly Lazy<Task<Server>> Shared = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly Lazy<Task<string>> Template = new(
        async () => await CreateTemplateAsync(await Shared.Value), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Which PostgreSQL the tests use (its version line), once started.</summary>
    public static async Task<string> DescribeAsync() => (await Shared.Value).Description;

    /// <summary>
    /// A new database on the shared server, and its connection string: a copy of a template with the PostgreSQL
    /// migrations applied (made once per run), so that each factory does not spend a second migrating. It holds no
    /// rows: the app still starts as a new blog. <paramref name="migrated"/> false: a truly empty database.
    /// </summary>
    public static async Task<string> CreateDatabaseAsync(bool migrated = true)
    {
        var server = await Shared.Value;
        var name = $"blog_{Guid.NewGuid():N}";
        var template = migrated ? await Template.Value : "template0";
        await using (var connection = new NpgsqlConnection(server.ConnectionString("postgres")))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return server.ConnectionString(name);
    }

    /// <summary>The migrated template: made by applying the app's PostgreSQL migrations to an empty database.</summary>
    private static async Task<string> CreateTemplateAsync(Server server)
    {
        const string Name = "blog_migrated_template";
        await using (var connection = new NpgsqlConnection(server.ConnectionString("postgres")))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{Name}\" TEMPLATE template0", connection);
            await create.ExecuteNonQueryAsync();
        }

        // No pooling: a template must have no open connections when it is copied.
        var connectionString = new NpgsqlConnectionStringBuilder(server.ConnectionString(Name)) { Pooling = false }.ConnectionString;
        var options = new DbContextOptionsBuilder<Blog.Web.Data.PostgreSqlBlogDbContext>()
            .UseNpgsql(connectionString).Options;
        await using (var db = new Blog.Web.Data.PostgreSqlBlogDbContext(options))
        {
            await db.Database.MigrateAsync();
        }

        return Name;
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, whoever is still connected to it.</summary>
    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        var server = await Shared.Value;
        await using var connection = new NpgsqlConnection(server.ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private static async Task<Server> StartAsync()
    {
        var bin = FindBinaries() ?? throw new InvalidOperationException(
            "PostgreSQL tests cannot run: no PostgreSQL server binaries (initdb, postgres) were found in " +
            "/usr/lib/postgresql/<version>/bin or in BLOG_TEST_POSTGRES_BIN. Install Debian's postgresql package " +
            "(`apt-get install postgresql`; `bash tests/run.sh` does it when it can).");

        RemoveStaleFolders();
        var folder = Path.Combine(Path.GetTempPath(), $"blog-web-tests-pg-{Guid.NewGuid():N}");
        var data = Path.Combine(folder, "data");
        Directory.CreateDirectory(folder);

        // PostgreSQL refuses to run as root: as root (a container, CI) the server runs as the postgres user, which
        // Debian's package creates, and owns its folder.
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            await RunAsync("chown", ["-R", "postgres", folder], "give the data folder to the postgres user");
        }

        await RunAsync(Wrap(asRoot, Path.Combine(bin, "initdb")),
            [.. WrapArgs(asRoot, Path.Combine(bin, "initdb")), "-D", data, "-U", User, "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"],
            "initialize a data folder (initdb)");

        var port = FreePort.Next();
        var start = new ProcessStartInfo(Wrap(asRoot, Path.Combine(bin, "postgres")))
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[
            .. WrapArgs(asRoot, Path.Combine(bin, "postgres")), "-D", data, "-p", port.ToString(CultureInfo.InvariantCulture),
            "-k", folder, "-c", "listen_addresses=127.0.0.1",
            // A throwaway server: durability buys nothing here and costs the tests time.
            "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
            "-c", "max_connections=300", "-c", "shared_buffers=32MB"])
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("PostgreSQL tests cannot run: the postgres process did not start.");
        var log = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();

        var server = new Server(port, bin, data, folder, asRoot, process);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();

        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(server.ConnectionString("postgres"));
                await connection.OpenAsync();
                await using var version = new NpgsqlCommand("SELECT version()", connection);
                server.Description = $"{await version.ExecuteScalarAsync()} (from {bin}, port {port})";
                return server;
            }
            catch (NpgsqlException) when (!process.HasExited && waited.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(100);
            }
            catch (Exception e) when (e is NpgsqlException)
            {
                server.Stop();
                string output;
                lock (log)
                {
                    output = log.ToString();
                }

                throw new InvalidOperationException(
                    $"PostgreSQL tests cannot run: the server from {bin} did not accept connections on port {port} " +
                    $"({(process.HasExited ? "it exited" : "30 s")}). Its output:\n{output}", e);
            }
        }
    }

    /// <summary>
    /// Folders of earlier runs whose server is gone (a test process killed before its exit handler ran): no
    /// postmaster.pid, and untouched for half an hour, so a run starting at this moment is never mistaken for one.
    /// </summary>
    private static void RemoveStaleFolders()
    {
        foreach (var stale in Directory.EnumerateDirectories(Path.GetTempPath(), "blog-web-tests-pg-*"))
        {
            try
            {
                if (!File.Exists(Path.Combine(stale, "data", "postmaster.pid"))
                    && Directory.GetLastWriteTimeUtc(stale) < DateTime.UtcNow.AddMinutes(-30))
                {
                    Directory.Delete(stale, recursive: true);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Someone else's, or in use: left alone.
            }
        }
    }

    /// <summary>BLOG_TEST_POSTGRES_BIN, or the newest /usr/lib/postgresql/N/bin that has a server.</summary>
    private static string? FindBinaries()
    {
        if (Environment.GetEnvironmentVariable("BLOG_TEST_POSTGRES_BIN") is { Length: > 0 } configured)
        {
            return File.Exists(Path.Combine(configured, "initdb")) ? configured : null;
        }

        const string Debian = "/usr/lib/postgresql";
        return Directory.Exists(Debian)
            ? Directory.GetDirectories(Debian)
                .Select(version => Path.Combine(version, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "postgres")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var major) ? major : 0)
                .FirstOrDefault()
            : null;
    }

    private static string Wrap(bool asRoot, string program) => asRoot ? "runuser" : program;

    private static IEnumerable<string> WrapArgs(bool asRoot, string program) => asRoot ? ["-u", "postgres", "--", program] : [];

    private static async Task RunAsync(string program, IEnumerable<string> arguments, string what)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"PostgreSQL tests cannot run: could not start {program} to {what}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"PostgreSQL tests cannot run: could not {what} ({program} exited with {process.ExitCode}):\n{await error}\n{await output}");
        }
    }

    private sealed class Server(int port, string bin, string data, string folder, bool asRoot, Process process)
    {
        private int stopped;

        public string Description { get; set; } = "";
        public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = User,
            Database = database,
            // Each factory's app has a pool of its own database; small pools keep a run of many factories under max_connections.
            MaxPoolSize = 20,
        }.ConnectionString;

        /// <summary>Stops the server at once (nothing in it is worth a clean shutdown) and deletes its folder.</summary>
        public void Stop()
        {
            if (Interlocked.Exchange(ref stopped, 1) == 1)
            {
                return;
            }

            try
            {
                var pgCtl = Path.Combine(bin, "pg_ctl");
                var start = new ProcessStartInfo(Wrap(asRoot, pgCtl)) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
                foreach (var argument in (string[])[.. WrapArgs(asRoot, pgCtl), "-D", data, "stop", "-m", "immediate", "-w"])
                {
                    start.ArgumentList.Add(argument);
                }

                using var stop = Process.Start(start);
                stop?.WaitForExit(10_000);
            }
            catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Falls through to killing the process.
            }

            if (!process.WaitForExit(5_000))
            {
                process.Kill(entireProcessTree: true);
            }

            process.Dispose();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A temp folder left behind is harmless.
            }
        }
    }
}
