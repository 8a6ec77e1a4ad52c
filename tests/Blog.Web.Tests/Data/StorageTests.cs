using Blog.Web.Data;
using Blog.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Blog.Web.Tests.Data;

public sealed class StorageTests : IDisposable
{
    private readonly BlogFactory app = new() { FromMigratedTemplate = false }; // migrated by the app itself, as on a first start

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task The_database_is_one_file_in_wal_mode_with_foreign_keys_and_a_busy_timeout()
    {
        var pragmas = await app.WithDbAsync(async (db, _) =>
        {
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            async Task<string> Pragma(string name)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"PRAGMA {name};";
                return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
            }

            return (Journal: await Pragma("journal_mode"), ForeignKeys: await Pragma("foreign_keys"), Busy: await Pragma("busy_timeout"));
        });

        Assert.True(File.Exists(app.DatabasePath));
        Assert.Equal("wal", pragmas.Journal);
        Assert.Equal("1", pragmas.ForeignKeys);
        Assert.Equal("10000", pragmas.Busy);
    }

    [Fact]
    public async Task Migrations_are_applied_at_start_up_and_nothing_is_pending()
    {
        var pending = await app.WithDbAsync(async (db, _) => (await db.Database.GetPendingMigrationsAsync()).ToList());
        var applied = await app.WithDbAsync(async (db, _) => (await db.Database.GetAppliedMigrationsAsync()).ToList());

        Assert.Empty(pending);
        Assert.NotEmpty(applied);
    }

    [Fact]
    public async Task Data_protection_keys_are_kept_in_the_database_so_they_survive_a_restart()
    {
        var protector = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");
        var secret = protector.Protect("kept");

        var keys = await app.WithDbAsync(async (db, _) => await db.DataProtectionKeys.CountAsync());
        using var restarted = new RestartedApp(app);
        var unprotected = restarted.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(secret);

        Assert.True(keys >= 1);
        Assert.Equal("kept", unprotected);
    }

    [Fact]
    public async Task Readers_and_a_writer_at_the_same_time_never_see_database_is_locked()
    {
        await app.AddDailyPostsAsync(3);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(8));
        var writes = 0;

        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < 40; i++)
            {
                await app.AddPostAsync($"Concurrent {i}", body: string.Join(' ', Enumerable.Repeat("text", 2000)));
                Interlocked.Increment(ref writes);
            }
        });
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            using var client = app.CreateReader();
            while (!writer.IsCompleted)
            {
                var response = await client.GetAsync("/", cancel.Token);
                Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
                var archive = await client.GetAsync("/archive", cancel.Token);
                Assert.Equal(System.Net.HttpStatusCode.OK, archive.StatusCode);
            }
        }));

        await Task.WhenAll([writer, .. readers]);

        Assert.Equal(40, writes);
    }

    [Fact]
    public void A_relative_database_path_is_taken_from_the_content_root_and_its_folder_created()
    {
        var root = Path.Combine(Path.GetTempPath(), "blog-web-tests", Guid.NewGuid().ToString("N"));

        var resolved = new SqliteConnectionStringBuilder(
            DataServiceCollectionExtensions.ResolveConnectionString("Data Source=data/blog.db", root));

        Assert.Equal(Path.Combine(root, "data", "blog.db"), resolved.DataSource);
        Assert.True(Directory.Exists(Path.Combine(root, "data")));
        Directory.Delete(root, recursive: true);
    }

    /// <summary>A second app on the same database file, as after a restart.</summary>
    private sealed class RestartedApp(BlogFactory original) : BlogFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ConnectionStrings:Blog", $"Data Source={original.DatabasePath}");
        }
    }
}
