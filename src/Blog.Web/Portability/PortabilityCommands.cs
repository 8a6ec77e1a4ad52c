using Blog.Web.Data;
using Blog.Web.Portability.Backup;
using Blog.Web.Portability.Import;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Portability;

/// <summary>
/// <c>Blog.Web import FILE [--dry-run] [--allow-private]</c> (large files, no upload limit, no browser) and
/// <c>Blog.Web backup PATH</c> (for cron or a systemd timer), run against the migrated database without starting the server.
/// </summary>
public static class PortabilityCommands
{
    public static async Task<int> ImportAsync(WebApplication app, string[] args)
    {
        if (args is not ["import", var file, .. var options] || file.StartsWith("--", StringComparison.Ordinal))
        {
            await Console.Error.WriteLineAsync("Usage: Blog.Web import <file.xml | export.zip | folder of .md files> [--dry-run] [--allow-private]");
            return 2;
        }

        var path = Path.GetFullPath(file);
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            await Console.Error.WriteLineAsync($"{path} does not exist.");
            return 1;
        }

        // The route table is otherwise built only when the server starts: the import must know the addresses a page may
        // not take (ReservedSegments reads them from it), so the app's mapped routes are put in it, as the server does.
        app.UseRouting();
        app.UseEndpoints(_ => { });

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BlogDbContext>();
        var run = db.ImportRuns.Add(new ImportRun
        {
            FileName = Path.GetFileName(path.TrimEnd(Path.DirectorySeparatorChar)), SourcePath = path, DryRun = options.Contains("--dry-run"),
            AllowPrivateAddresses = options.Contains("--allow-private"), CreatedAtUtc = app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime,
        }).Entity;
        await db.SaveChangesAsync();

        run = await scope.ServiceProvider.GetRequiredService<ImportRunner>().RunAsync(run.Id, app.Lifetime.ApplicationStopping);
        if (run.Status == ImportRunStatus.Failed)
        {
            await Console.Error.WriteLineAsync(run.Error);
            return 1;
        }

        var report = ImportReport.FromJson(run.ReportJson);
        foreach (var line in report.Items.Where(l => l.Outcome == Outcomes.Skipped))
        {
            await Console.Out.WriteLineAsync($"skipped #{line.Position} “{line.Title}”: {line.Reason}");
        }

        foreach (var note in report.Notes)
        {
            await Console.Out.WriteLineAsync(note);
        }

        foreach (var image in report.Images)
        {
            await Console.Out.WriteLineAsync($"image {image.Url}: {image.Reason}");
        }

        var verb = run.DryRun ? "Dry run, nothing written: would create" : "Imported: created";
        await Console.Out.WriteLineAsync($"{verb} {run.Created}, updated {run.Updated}, unchanged {run.Unchanged}, skipped {run.Skipped} of {run.Total} items.");
        return 0;
    }

    /// <summary>
    /// <c>Blog.Web copy-to-postgresql "CONNECTION STRING"</c>: this SQLite blog, everything in it, into an empty
    /// PostgreSQL database (see <see cref="Copy.PostgreSqlCopy"/>), then the rows of each table counted on both sides.
    /// </summary>
    public static async Task<int> CopyToPostgreSqlAsync(WebApplication app, string[] args)
    {
        if (args is not ["copy-to-postgresql", var target] || target.StartsWith("--", StringComparison.Ordinal))
        {
            await Console.Error.WriteLineAsync("Usage: Blog.Web copy-to-postgresql \"Host=...;Database=...;Username=...;Password=...\"");
            return 2;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BlogDbContext>();
        try
        {
            var counts = await Copy.PostgreSqlCopy.CopyAsync(db, target, Console.Out, app.Lifetime.ApplicationStopping);
            await Console.Out.WriteLineAsync("Rows per table (SQLite -> PostgreSQL):");
            foreach (var count in counts)
            {
                await Console.Out.WriteLineAsync($"  {count.Table}: {count.Source:N0} -> {count.Target:N0}{(count.Source == count.Target ? "" : "  MISMATCH")}");
            }

            if (counts.Any(c => c.Source != c.Target))
            {
                await Console.Error.WriteLineAsync("Some tables' counts differ: do not switch to the PostgreSQL database.");
                return 1;
            }

            await Console.Out.WriteLineAsync(
                "Copied. To run on it: Blog:Database:Provider=PostgreSQL and ConnectionStrings:Blog set to that connection string.");
            return 0;
        }
        catch (Exception e) when (e is InvalidOperationException or Npgsql.NpgsqlException)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 1;
        }
    }

    public static async Task<int> BackupAsync(WebApplication app, string[] args)
    {
        if (args is not ["backup", var target])
        {
            await Console.Error.WriteLineAsync("Usage: Blog.Web backup <path of the new backup file>");
            return 2;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<BlogDbContext>().Database;
        if (database.IsNpgsql())
        {
            await Console.Error.WriteLineAsync(
                "This blog's database is on PostgreSQL: back it up with PostgreSQL's own tools, such as " +
                "pg_dump --format=custom --file=<path> <database> (restored with pg_restore). The backup command copies SQLite files only.");
            return 1;
        }

        var connectionString = database.GetConnectionString()!;
        try
        {
            var bytes = await DatabaseBackup.CreateAsync(connectionString, target, app.Lifetime.ApplicationStopping);
            await Console.Out.WriteLineAsync($"Backed up the blog to {Path.GetFullPath(target)} ({bytes:N0} bytes).");
            return 0;
        }
        catch (IOException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 1;
        }
    }
}
