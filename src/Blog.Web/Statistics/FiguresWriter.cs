using System.Data.Common;
using System.Globalization;
using Blog.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Statistics;

/// <summary>
/// Adds a batch of figures to the daily tables in one transaction, as increments (<c>INSERT … ON CONFLICT DO UPDATE</c>),
/// so a batch is stored whole or not at all and a restart never counts one twice. Plain SQL: these writes are not
/// content, so they must not pass through the change tracking that evicts the page cache.
/// </summary>
public sealed class FiguresWriter(IServiceScopeFactory scopes)
{
    public async Task WriteAsync(TallyFigures figures, CancellationToken cancellationToken)
    {
        if (figures.IsEmpty)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BlogDbContext>();
        await LookUpContentAsync(db, figures, cancellationToken);

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = db.Database.GetDbConnection();
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            // SQLite keeps days as ISO text (EF's DateOnly mapping there), PostgreSQL as dates.
            var postgres = db.Database.IsNpgsql();
            object day = postgres ? figures.Day : figures.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var larger = postgres ? "greatest" : "max";

            // Identifiers quoted (PostgreSQL folds unquoted ones to lower case), the target's columns named with its
            // table: SQL both engines read the same way.
            await ExecuteAsync(connection, transaction, """
                INSERT INTO "StatisticsDays" ("Day", "Views", "Readers", "FeedFetches") VALUES (@day, @views, @readers, @fetches)
                ON CONFLICT ("Day") DO UPDATE SET "Views" = "StatisticsDays"."Views" + excluded."Views",
                    "Readers" = "StatisticsDays"."Readers" + excluded."Readers", "FeedFetches" = "StatisticsDays"."FeedFetches" + excluded."FeedFetches"
                """, [[day, figures.Views, figures.Readers, figures.FeedFetches]], cancellationToken);

            await ExecuteAsync(connection, transaction, """
                INSERT INTO "StatisticsPages" ("Day", "Path", "Kind", "ContentId", "Views", "Readers") VALUES (@day, @path, @kind, @content, @views, @readers)
                ON CONFLICT ("Day", "Path") DO UPDATE SET "Views" = "StatisticsPages"."Views" + excluded."Views",
                    "Readers" = "StatisticsPages"."Readers" + excluded."Readers", "ContentId" = coalesce(excluded."ContentId", "StatisticsPages"."ContentId")
                """, figures.Pages.Select(p => new object?[] { day, p.Key.Path, (int)p.Key.Kind, p.Key.ContentId, p.Value.Views, p.Value.Readers }), cancellationToken);

            await ExecuteAsync(connection, transaction, """
                INSERT INTO "StatisticsSources" ("Day", "Path", "Kind", "Name", "Views") VALUES (@day, @path, @kind, @name, @views)
                ON CONFLICT ("Day", "Path", "Kind", "Name") DO UPDATE SET "Views" = "StatisticsSources"."Views" + excluded."Views"
                """, figures.Sources.Select(s => new object?[] { day, s.Key.Page.Path, (int)s.Key.Kind, s.Key.Name, s.Value }), cancellationToken);

            await ExecuteAsync(connection, transaction, $"""
                INSERT INTO "StatisticsFeeds" ("Day", "Path", "Reader", "Fetches", "Subscribers") VALUES (@day, @path, @reader, @fetches, @subscribers)
                ON CONFLICT ("Day", "Path", "Reader") DO UPDATE SET "Fetches" = "StatisticsFeeds"."Fetches" + excluded."Fetches",
                    "Subscribers" = {larger}("StatisticsFeeds"."Subscribers", excluded."Subscribers")
                """, figures.Feeds.Select(f => new object?[] { day, f.Key.Page.Path, f.Key.Reader, f.Value.Fetches, f.Value.Subscribers }), cancellationToken);

            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Deletes the daily figures of the days before <paramref name="firstKept"/>.</summary>
    public async Task DeleteBeforeAsync(DateOnly firstKept, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BlogDbContext>();
        await db.StatisticsDays.Where(d => d.Day < firstKept).ExecuteDeleteAsync(cancellationToken);
        await db.StatisticsPages.Where(d => d.Day < firstKept).ExecuteDeleteAsync(cancellationToken);
        await db.StatisticsSources.Where(d => d.Day < firstKept).ExecuteDeleteAsync(cancellationToken);
        await db.StatisticsFeeds.Where(d => d.Day < firstKept).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>A post's or page's id by the slug in its address, once per address: its figures then follow it if the slug changes.</summary>
    private static async Task LookUpContentAsync(BlogDbContext db, TallyFigures figures, CancellationToken cancellationToken)
    {
        foreach (var page in figures.Pages.Keys.Where(p => !p.ContentLookedUp))
        {
            var slug = page.Kind switch
            {
                ReadKind.Post when page.Path.StartsWith(SitePaths.PostPrefix, StringComparison.Ordinal) => page.Path[SitePaths.PostPrefix.Length..],
                ReadKind.Page => page.Path.TrimStart('/'),
                _ => null,
            };
            if (slug is not null)
            {
                page.ContentId = page.Kind == ReadKind.Post
                    ? await db.Posts.Where(p => EF.Functions.Collate(p.Slug, "NOCASE") == slug).Select(p => (int?)p.Id).FirstOrDefaultAsync(cancellationToken)
                    : await db.StaticPages.Where(p => EF.Functions.Collate(p.Slug, "NOCASE") == slug).Select(p => (int?)p.Id).FirstOrDefaultAsync(cancellationToken);
            }

            page.ContentLookedUp = true;
        }
    }

    private static async Task ExecuteAsync(
        DbConnection connection, DbTransaction transaction, string sql, IEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        var names = System.Text.RegularExpressions.Regex.Matches(sql, "@[a-z]+").Select(m => m.Value).Distinct().ToArray();
        foreach (var name in names)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }

        foreach (var row in rows)
        {
            for (var i = 0; i < names.Length; i++)
            {
                command.Parameters[i].Value = row[i] ?? DBNull.Value;
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
