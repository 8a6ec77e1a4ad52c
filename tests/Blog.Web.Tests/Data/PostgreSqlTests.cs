using Blog.Web.Data;
using Blog.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Blog.Web.Tests.Data;

/// <summary>The PostgreSQL provider itself: its migrations, its types, its keys. The features run on it in the *OnPostgreSql classes.</summary>
public sealed class PostgreSqlTests : IDisposable
{
    private readonly PostgresBlogFactory app = new();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task The_app_runs_on_the_postgresql_context_with_its_own_migrations_all_applied()
    {
        var (type, provider, pending, applied) = await app.WithDbAsync(async (db, _) => (
            db.GetType(),
            db.Database.ProviderName,
            (await db.Database.GetPendingMigrationsAsync()).ToList(),
            (await db.Database.GetAppliedMigrationsAsync()).ToList()));
        var home = await app.CreateReader().GetAsync("/");

        Assert.Equal(typeof(PostgreSqlBlogDbContext), type);
        Assert.Equal("Npgsql.EntityFrameworkCore.PostgreSQL", provider);
        Assert.Empty(pending);
        Assert.Contains(applied, m => m.EndsWith("_PostgreSqlInitial", StringComparison.Ordinal));
        Assert.Equal(System.Net.HttpStatusCode.OK, home.StatusCode);
    }

    [Fact]
    public async Task Data_protection_keys_are_kept_in_the_database_so_they_survive_a_restart()
    {
        var secret = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("kept");

        var keys = await app.WithDbAsync(async (db, _) => await db.DataProtectionKeys.CountAsync());
        using var restarted = PostgresBlogFactory.SameDatabaseAs(app);
        var unprotected = restarted.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(secret);

        Assert.True(keys >= 1);
        Assert.Equal("kept", unprotected);
    }

    [Fact]
    public async Task Slugs_compare_without_case_as_on_sqlite()
    {
        await app.AddPostAsync("Case Matters Not", app.UtcNow.AddDays(-1));

        var found = await app.CreateReader().GetAsync("/blog/CASE-MATTERS-NOT");

        Assert.NotEqual(System.Net.HttpStatusCode.NotFound, found.StatusCode);
    }
}

/// <summary>A change to the model without its migration fails here, for each provider (no database needed).</summary>
public sealed class MigrationsPerProviderTests
{
    [Fact]
    public void The_sqlite_migrations_match_the_model()
    {
        using var db = new BlogDbContext(new DbContextOptionsBuilder<BlogDbContext>().UseSqlite("Data Source=:memory:").Options);

        Assert.False(db.Database.HasPendingModelChanges(),
            "The model has changes no SQLite migration has: dotnet ef migrations add <Name> --project src/Blog.Web --context BlogDbContext");
    }

    [Fact]
    public void The_postgresql_migrations_match_the_model()
    {
        using var db = new PostgreSqlBlogDbContext(
            new DbContextOptionsBuilder<PostgreSqlBlogDbContext>().UseNpgsql("Host=localhost;Database=unused").Options);

        Assert.False(db.Database.HasPendingModelChanges(),
            "The model has changes no PostgreSQL migration has: dotnet ef migrations add <Name> --project src/Blog.Web --context PostgreSqlBlogDbContext --output-dir Data/Migrations/PostgreSQL");
    }

    [Fact]
    public void Each_provider_has_its_own_migrations()
    {
        using var sqlite = new BlogDbContext(new DbContextOptionsBuilder<BlogDbContext>().UseSqlite("Data Source=:memory:").Options);
        using var postgres = new PostgreSqlBlogDbContext(
            new DbContextOptionsBuilder<PostgreSqlBlogDbContext>().UseNpgsql("Host=localhost;Database=unused").Options);

        var sqliteMigrations = sqlite.Database.GetMigrations().ToList();
        var postgresMigrations = postgres.Database.GetMigrations().ToList();

        Assert.Contains(sqliteMigrations, m => m.EndsWith("_InitialCreate", StringComparison.Ordinal));
        Assert.DoesNotContain(sqliteMigrations, m => m.EndsWith("_PostgreSqlInitial", StringComparison.Ordinal));
        Assert.Contains(postgresMigrations, m => m.EndsWith("_PostgreSqlInitial", StringComparison.Ordinal));
        Assert.DoesNotContain(postgresMigrations, m => m.EndsWith("_InitialCreate", StringComparison.Ordinal));
    }
}
