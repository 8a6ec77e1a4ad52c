using System.Net;
using Blog.Web.Portability.Backup;
using Blog.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Tests.Portability;

/// <summary>Backups taken while the blog is busy, and redirects left behind by a changed slug.</summary>
public sealed class BackupAndRedirectTests : IDisposable
{
    private readonly BlogFactory app = new();
    private readonly string folder = Path.Combine(Path.GetTempPath(), "blog-backup-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        app.Dispose();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(string Integrity, int Posts)> InspectAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA integrity_check";
        var integrity = (string)(await check.ExecuteScalarAsync())!;
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM Posts";
        return (integrity, Convert.ToInt32(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_backup_taken_while_posts_are_being_written_is_consistent_and_holds_what_was_saved_before()
    {
        await app.AddDailyPostsAsync(20, "Before");
        var connectionString = await app.WithDbAsync((db, _) => Task.FromResult(db.Database.GetConnectionString()!));
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                await app.AddPostAsync($"During {i}", body: new string('x', 5000));
            }
        });
        await Task.Delay(200);

        var backups = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            backups.Add(Path.Combine(folder, $"backup-{i}.db"));
            await DatabaseBackup.CreateAsync(connectionString, backups[^1], CancellationToken.None);
        }

        await stop.CancelAsync();
        await writer;
        foreach (var backup in backups)
        {
            var (integrity, posts) = await InspectAsync(backup);
            Assert.Equal("ok", integrity);
            Assert.True(posts >= 20, $"{posts} posts in the backup");
        }
    }

    [Fact]
    public async Task A_backup_never_overwrites_a_file_and_the_admin_button_downloads_one()
    {
        var existing = Path.Combine(folder, "taken.db");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(existing, "keep me");
        await app.AddPostAsync("In the download");
        var owner = await app.SignInAsOwnerAsync();

        var refused = await Assert.ThrowsAsync<IOException>(() => DatabaseBackup.CreateAsync("Data Source=" + app.DatabasePath, existing, CancellationToken.None));
        var response = await owner.SubmitFormAsync("/admin/backup", new Dictionary<string, string>(), "#backup-form");

        Assert.Contains("already exists", refused.Message, StringComparison.Ordinal);
        Assert.Equal("keep me", await File.ReadAllTextAsync(existing));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("blog-backup-", response.Content.Headers.ContentDisposition!.FileName, StringComparison.Ordinal);
        var downloaded = Path.Combine(folder, "downloaded.db");
        await File.WriteAllBytesAsync(downloaded, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(("ok", 1), await InspectAsync(downloaded));
        Assert.Empty(Directory.GetFiles(Path.GetTempPath(), "blog-backup-*.db"));
    }

    [Fact]
    public async Task Changing_a_published_posts_slug_in_the_editor_leaves_a_redirect_and_changing_it_back_removes_it()
    {
        var post = await app.AddPostAsync("Old name");
        var owner = await app.SignInAsOwnerAsync();

        var saved = await owner.SubmitFormAsync($"/admin/posts/{post.Id}", new Dictionary<string, string> { ["Input.Slug"] = "new-name", ["action"] = "save" }, "#content-editor");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var reader = app.CreateReader();
        var old = await reader.GetAsync("/blog/old-name");

        Assert.Equal((HttpStatusCode.MovedPermanently, "/blog/new-name"), (old.StatusCode, old.Headers.Location!.ToString()));
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/blog/new-name")).StatusCode);

        await owner.SubmitFormAsync($"/admin/posts/{post.Id}", new Dictionary<string, string> { ["Input.Slug"] = "old-name", ["action"] = "save" }, "#content-editor");
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/blog/old-name")).StatusCode);
        Assert.Equal("/blog/old-name", (await reader.GetAsync("/blog/new-name")).Headers.Location!.ToString());
        Assert.Equal(1, await app.WithDbAsync(async (db, _) => await db.Redirects.CountAsync()));
    }

    [Fact]
    public async Task Changing_a_pages_slug_leaves_a_redirect_too()
    {
        var page = await app.AddStaticPageAsync("Contact me");
        var owner = await app.SignInAsOwnerAsync();

        await owner.SubmitFormAsync($"/admin/pages/{page.Id}", new Dictionary<string, string> { ["Input.Slug"] = "contact", ["action"] = "save" }, "#content-editor");
        var old = await app.CreateReader().GetAsync("/contact-me");

        Assert.Equal((HttpStatusCode.MovedPermanently, "/contact"), (old.StatusCode, old.Headers.Location!.ToString()));
    }
}
