using Blog.Web.Posts;
using Blog.Web.Search;
using Blog.Web.Seo;
using Blog.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Tests.Posts;

/// <summary>
/// "Published and due" is defined once (<see cref="Visibility"/>); what is written by hand elsewhere (the search's FTS
/// SQL, the partial index in the migrations, the entity's own check) must agree with it.
/// </summary>
public class VisibilityRuleTests : IDisposable
{
    private readonly BlogFactory app;

    public VisibilityRuleTests()
        : this(new BlogFactory())
    {
    }

    /// <summary>The same tests on another provider (VisibilityRuleTestsOnPostgreSql).</summary>
    protected VisibilityRuleTests(BlogFactory app) => this.app = app;

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            app.Dispose();
        }
    }

    [Fact]
    public async Task Queries_search_sitemap_and_the_entity_agree_on_what_readers_see()
    {
        await app.AddPostAsync("Harbour at dawn", app.UtcNow.AddDays(-2));
        await app.AddPostAsync("Harbour at noon", app.UtcNow.AddMinutes(-1));
        await app.AddPostAsync("Harbour at dusk", app.UtcNow.AddDays(1));
        await app.AddPostAsync("Harbour drafts", draft: true);
        var trashed = await app.AddPostAsync("Harbour in the bin", app.UtcNow.AddDays(-3));
        var withdrawn = await app.AddPostAsync("Harbour withdrawn", app.UtcNow.AddDays(-4));
        await app.WithDbAsync(async db =>
        {
            (await db.Posts.SingleAsync(p => p.Id == trashed.Id)).MoveToTrash(app.UtcNow);
            (await db.Posts.SingleAsync(p => p.Id == withdrawn.Id)).Unpublish(app.UtcNow);
            await db.SaveChangesAsync();
        });
        var now = app.UtcNow;

        var (byQuery, byEntity, bySearch, bySitemap) = await app.WithDbAsync(async (db, _) => (
            await db.Posts.VisibleAt(now).OrderBy(p => p.Slug).Select(p => p.Slug).ToListAsync(),
            (await db.Posts.ToListAsync()).Where(p => p.IsVisibleAt(now)).Select(p => p.Slug).Order(StringComparer.Ordinal).ToList(),
            (await db.SearchAsync("harbour", 1, now, CancellationToken.None))!.Items.Select(h => h.Slug).Order(StringComparer.Ordinal).ToList(),
            (await Sitemap.LoadEntriesAsync(db, now, CancellationToken.None)).Select(e => e.Path).Where(p => p.StartsWith("/blog/", StringComparison.Ordinal))
                .Select(p => p["/blog/".Length..]).Order(StringComparer.Ordinal).ToList()));

        Assert.Equal(["harbour-at-dawn", "harbour-at-noon"], byQuery);
        Assert.Equal(byQuery, byEntity);
        Assert.Equal(byQuery, bySearch);
        Assert.Equal(byQuery, bySitemap);

        // The post page's compiled read applies the same rule, inlined into its expression.
        var byCompiledRead = await app.WithDbAsync(async (db, _) =>
        {
            var visible = new List<string>();
            foreach (var slug in await db.Posts.Select(p => p.Slug).ToListAsync())
            {
                if (await db.VisibleBySlugAsync(slug, now, CancellationToken.None) is not null)
                {
                    visible.Add(slug);
                }
            }

            return visible.Order(StringComparer.Ordinal).ToList();
        });
        Assert.Equal(byQuery, byCompiledRead);

        app.Clock.Advance(TimeSpan.FromDays(2));
        var later = await app.WithDbAsync(async (db, _) =>
            (await db.SearchAsync("harbour", 1, app.UtcNow, CancellationToken.None))!.Items.Count);
        Assert.Equal(3, later);
    }

    [Fact]
    public async Task The_partial_indexes_filter_is_the_rule_and_visible_lists_read_it()
    {
        await app.AddDailyPostsAsync(3);
        if (await app.WithDbAsync((db, _) => Task.FromResult(db.Database.IsNpgsql())))
        {
            // PostgreSQL prints the filter its own way (parenthesized); its planner scans a three-row table whatever
            // the indexes, so only the filter is checked here.
            var definitions = await app.WithDbAsync((db, _) => db.Database
                .SqlQuery<string>($"SELECT indexdef AS \"Value\" FROM pg_indexes WHERE indexname LIKE '%\\_Visible'").ToListAsync());
            Assert.Equal(2, definitions.Count);
            Assert.All(definitions, sql => Assert.EndsWith("WHERE ((\"Status\" <> 0) AND (\"DeletedAtUtc\" IS NULL))", sql, StringComparison.Ordinal));
            return;
        }

        var (filters, plan) = await app.WithDbAsync(async (db, _) =>
        {
            var indexes = await db.Database.SqlQuery<string>($"SELECT sql AS Value FROM sqlite_master WHERE type = 'index' AND name LIKE '%_Visible'").ToListAsync();
            var query = db.Posts.VisibleAt(app.UtcNow).NewestFirst().Select(p => p.Id).ToQueryString();
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            // The plan does not depend on the parameters' values, so they are left unbound.
            command.CommandText = "EXPLAIN QUERY PLAN " + query[query.IndexOf("SELECT", StringComparison.Ordinal)..];
            var steps = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                steps.Add(reader.GetString(3));
            }

            return (indexes, string.Join("; ", steps));
        });

        Assert.Equal(2, filters.Count);
        Assert.All(filters, sql => Assert.EndsWith("WHERE " + Visibility.ListedSqlFilter, sql, StringComparison.Ordinal));
        Assert.Contains("IX_Posts_Visible", plan, StringComparison.Ordinal);
    }
}

/// <summary>The same tests on PostgreSQL.</summary>
public sealed class VisibilityRuleTestsOnPostgreSql() : VisibilityRuleTests(new PostgresBlogFactory());
