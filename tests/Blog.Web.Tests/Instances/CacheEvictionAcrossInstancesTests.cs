using System.Diagnostics;
using Blog.Web.Instances;
using Blog.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Blog.Web.Tests.Instances;

/// <summary>
/// Two instances on one PostgreSQL database, each with its own page cache: a save on one evicts the other's copy
/// within a second (LISTEN/NOTIFY), and an instance whose listening connection was cut evicts everything when it
/// reconnects, since it may have missed messages meanwhile.
/// </summary>
public sealed class CacheEvictionAcrossInstancesTests : IDisposable
{
    private readonly PostgresBlogFactory first = new();
    private readonly PostgresBlogFactory second;

    public CacheEvictionAcrossInstancesTests()
    {
        _ = first.Server;
        second = PostgresBlogFactory.SameDatabaseAs(first);
        _ = second.Server;
    }

    public void Dispose()
    {
        second.Dispose();
        first.Dispose();
    }

    private static PostgresEvictionBus Bus(PostgresBlogFactory app) => app.Services.GetRequiredService<PostgresEvictionBus>();

    [Fact]
    public async Task A_post_saved_on_one_instance_is_shown_fresh_by_the_other_within_a_second()
    {
        var post = await first.AddPostAsync("Before the edit", body: "The first words.");
        await WaitAsync(() => Task.FromResult(Bus(second).Connections >= 1), "the second instance to listen");
        var reader = second.CreateReader();
        Assert.Contains("The first words.", await ReadAsync(reader, "/blog/before-the-edit"));
        Assert.Contains("The first words.", await ReadAsync(reader, "/blog/before-the-edit")); // kept in the second's cache now

        var saved = Stopwatch.StartNew();
        await first.WithDbAsync(async (db, services) =>
        {
            var tracked = await db.Posts.SingleAsync(p => p.Id == post.Id);
            tracked.SetBody("The second words.", services.GetRequiredService<Blog.Web.Markdown.MarkdownRenderer>(), first.UtcNow);
            return await db.SaveChangesAsync();
        });

        await WaitAsync(async () => (await ReadAsync(reader, "/blog/before-the-edit")).Contains("The second words.", StringComparison.Ordinal), "the fresh page", seconds: 1);
        Assert.True(saved.Elapsed < TimeSpan.FromSeconds(1), $"took {saved.Elapsed}");
    }

    [Fact]
    public async Task A_comment_approved_on_one_instance_evicts_only_its_posts_pages_on_the_other()
    {
        await first.AddPostAsync("Quiet post", body: "Quiet.");
        await WaitAsync(() => Task.FromResult(Bus(second).Connections >= 1), "the second instance to listen");
        var reader = second.CreateReader();
        await ReadAsync(reader, "/blog/quiet-post");

        // A message naming only another post's pages leaves this one cached; one naming everything evicts it.
        await first.WithDbAsync(db => db.Posts.Where(p => p.Slug == "quiet-post").ExecuteUpdateAsync(set => set.SetProperty(p => p.Title, "Renamed quietly")));
        await Bus(first).PublishAsync(null, [Blog.Web.Data.ReaderPages.Post(999_999)], CancellationToken.None);
        await Task.Delay(300);
        Assert.DoesNotContain("Renamed quietly", await ReadAsync(reader, "/blog/quiet-post"));
        await Bus(first).PublishAsync(null, null, CancellationToken.None);
        await WaitAsync(async () => (await ReadAsync(reader, "/blog/quiet-post")).Contains("Renamed quietly", StringComparison.Ordinal), "the page to be evicted", seconds: 2);
    }

    [Fact]
    public async Task After_its_listening_connection_is_cut_an_instance_reconnects_and_evicts_everything()
    {
        await first.AddPostAsync("Stale unless evicted", body: "Old words.");
        await WaitAsync(() => Task.FromResult(Bus(second).Connections >= 1), "the second instance to listen");
        var reader = second.CreateReader();
        Assert.Contains("Old words.", await ReadAsync(reader, "/blog/stale-unless-evicted"));

        // A change no instance announces (as if its message were lost), then the listening connection cut.
        await first.WithDbAsync(db => db.Posts.Where(p => p.Slug == "stale-unless-evicted")
            .ExecuteUpdateAsync(set => set.SetProperty(p => p.BodyHtml, "<p>New words.</p>")));
        Assert.Contains("Old words.", await ReadAsync(reader, "/blog/stale-unless-evicted"));
        var before = Bus(second).Connections;
        await using (var admin = new NpgsqlConnection(first.ConnectionString))
        {
            await admin.OpenAsync();
            await using var cut = new NpgsqlCommand(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = 'blog cache evictions' AND datname = current_database()", admin);
            Assert.Equal(2L, await cut.ExecuteScalarAsync()); // one per instance
        }

        await WaitAsync(() => Task.FromResult(Bus(second).Connections > before), "the second instance to reconnect", seconds: 10);
        Assert.Contains("New words.", await ReadAsync(reader, "/blog/stale-unless-evicted"));
    }

    private static async Task<string> ReadAsync(HttpClient reader, string path)
    {
        var response = await reader.GetAsync(path);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task WaitAsync(Func<Task<bool>> probe, string what, double seconds = 20)
    {
        var deadline = Stopwatch.StartNew();
        while (!await probe())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(seconds), $"timed out waiting for {what}");
            await Task.Delay(20);
        }
    }
}
