using Blog.Web.Posts;
using Blog.Web.Seo;
using Blog.Web.Settings;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Data;

/// <summary>Brings the database file up to date at start-up, and gives a brand-new blog its sample content.</summary>
internal sealed partial class DatabaseInitializer(
    BlogDbContext db,
    IServiceProvider services,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        // WAL lets readers carry on while the author saves; it is stored in the file, so setting it once is enough.
        bool hasSettings;
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            // Replication (Litestream) reads the WAL too, so a file that cannot be in WAL mode is said loudly.
            if (db.Database.IsSqlite())
            {
                await using var command = db.Database.GetDbConnection().CreateCommand();
                command.CommandText = "PRAGMA journal_mode = WAL;";
                var mode = Convert.ToString(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
                if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                {
                    LogNotWal(logger, mode ?? "unknown");
                }
            }

            // Migrate takes a lock and compares the model with the migrations even when there is nothing to apply:
            // a tenth of the start-up time, spent only when a new release brings a migration.
            var pending = await PendingMigrationsAsync(cancellationToken);
            if (pending.Count > 0)
            {
                var existing = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Any();
                await db.Database.MigrateAsync(cancellationToken);
                if (existing && logger.IsEnabled(LogLevel.Information))
                {
                    // The one thing worth knowing about an update: SQLite rebuilds some tables outside a transaction.
                    var names = string.Join(", ", pending.Select(m => m[(m.IndexOf('_') + 1)..]));
                    LogUpdated(logger, pending.Count, names);
                }

                if (pending.Any(m => m.EndsWith(TextRendering.RerenderAfterMigration, StringComparison.Ordinal)))
                {
                    // This release renders photos differently: texts saved before it get the new markup once.
                    var count = await services.GetRequiredService<TextRendering>().RerenderAsync(null, cancellationToken, everything: true);
                    LogRerendered(logger, count);
                }
            }

            hasSettings = await HasSettingsAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        // The settings row is written once, on the very first start: its absence is what "a new blog" means, so
        // sample content never comes back after the author has deleted it.
        if (hasSettings)
        {
            return;
        }

        var settings = new SiteSettings
        {
            TimeZoneId = TimeZones.ServerDefault(clock),
            BaseUrl = SiteAddress.IsValidBaseUrl(configuration["Blog:BaseUrl"]) ? configuration["Blog:BaseUrl"]!.TrimEnd('/') : null,
        };
        db.SiteSettings.Add(settings);
        if (configuration.GetValue("Blog:SeedSampleContent", true))
        {
            // Resolved only for a new blog: building its Markdown pipeline and sanitizer is a start-up cost otherwise.
            services.GetRequiredService<SampleContent>().AddTo(db, settings);
            LogSampleContentAdded(logger);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Whether the settings row exists; on SQLite by a plain query, as it runs on every start and only here.</summary>
    private async Task<bool> HasSettingsAsync(CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite())
        {
            return await db.SiteSettings.AnyAsync(cancellationToken);
        }

        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "SELECT EXISTS (SELECT 1 FROM \"SiteSettings\");";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 1;
    }

    /// <summary>
    /// The migrations not yet applied. On SQLite the history table is read with one plain query: EF Core's own check
    /// first builds a model of that table (conventions and all, the work the compiled model saves) to write the same
    /// SELECT, on every start. The result is EF Core's: every migration of the app whose id the table does not hold.
    /// The connection is open (the caller holds it).
    /// </summary>
    internal async Task<List<string>> PendingMigrationsAsync(CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite())
        {
            return [.. await db.Database.GetPendingMigrationsAsync(cancellationToken)];
        }

        var applied = new HashSet<string>(StringComparer.Ordinal);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsHistory';";
        if (Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0)
        {
            command.CommandText = "SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\";";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetString(0));
            }
        }

        return [.. db.Database.GetMigrations().Where(id => !applied.Contains(id))];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The database file could not be switched to WAL mode (it is in '{Mode}' mode): readers wait for saves, and Litestream cannot replicate it. Is it on a network file system?")]
    private static partial void LogNotWal(ILogger logger, string mode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rendered {Count} posts and pages again for this release's photo markup.")]
    private static partial void LogRerendered(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "New blog: added the sample posts and About page.")]
    private static partial void LogSampleContentAdded(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database brought up to date with {Count} migration(s): {Names}. Steps that rebuild a table run outside a transaction, as SQLite requires; all of them completed.")]
    private static partial void LogUpdated(ILogger logger, int count, string names);
}
