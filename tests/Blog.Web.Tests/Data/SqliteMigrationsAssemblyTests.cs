using Blog.Web.Data;
using Blog.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Internal;
using Microsoft.Extensions.DependencyInjection;

namespace Blog.Web.Tests.Data;

#pragma warning disable EF1001 // EF Core's own lookup, to compare with.

/// <summary>The SQLite migrations found by name from the metadata are exactly those EF Core finds by loading every type.</summary>
public sealed class SqliteMigrationsAssemblyTests : IClassFixture<BlogFactory>
{
    private readonly BlogFactory app;

    public SqliteMigrationsAssemblyTests(BlogFactory app) => this.app = app;

    [Fact]
    public void The_migrations_read_from_the_metadata_are_the_ones_EF_Core_finds()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BlogDbContext>();
        var used = db.GetService<IMigrationsAssembly>();
        Assert.IsType<SqliteMigrationsAssembly>(used);

        var efCore = new MigrationsAssembly(
            db.GetService<ICurrentDbContext>(), db.GetService<IDbContextOptions>(), db.GetService<IMigrationsIdGenerator>(),
            db.GetService<IDiagnosticsLogger<DbLoggerCategory.Migrations>>());

        Assert.NotEmpty(efCore.Migrations);
        Assert.Equal(efCore.Migrations.ToList(), used.Migrations.ToList());
        Assert.Empty(db.Database.GetPendingMigrations());
    }

    [Fact]
    public async Task The_pending_migrations_read_from_the_history_table_are_the_ones_EF_Core_reports()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BlogDbContext>();
        var initializer = scope.ServiceProvider.GetRequiredService<DatabaseInitializer>();
        var last = db.Database.GetMigrations().Last();
        await db.Database.OpenConnectionAsync();
        try
        {
            Assert.Empty(await initializer.PendingMigrationsAsync(CancellationToken.None));

            // As if the last migration had not been applied yet.
            await db.Database.ExecuteSqlAsync($"DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = {last}");
            var pending = await initializer.PendingMigrationsAsync(CancellationToken.None);
            Assert.Equal([last], pending);
            Assert.Equal(await db.Database.GetPendingMigrationsAsync(), pending);
        }
        finally
        {
            await db.Database.ExecuteSqlAsync($"INSERT INTO \"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\") VALUES ({last}, '10.0.15')");
            await db.Database.CloseConnectionAsync();
        }
    }
}
