using System.Net;
using System.Text;
using Blog.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Tests.Search;

/// <summary>The index follows what the author does in the dashboard, through the real forms.</summary>
public class SearchIndexTests : IDisposable
{
    private readonly BlogFactory app;

    public SearchIndexTests()
        : this(new BlogFactory())
    {
    }

    /// <summary>The same tests on another provider (SearchIndexTestsOnPostgreSql).</summary>
    protected SearchIndexTests(BlogFactory app) => this.app = app;

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

    private async Task<IReadOnlyList<string>> FoundAsync(string query) =>
        (await app.CreateReader().GetDocumentAsync($"/search?q={Uri.EscapeDataString(query)}")).Texts(".search-result__title");

    private static async Task<int> PublishAsync(HttpClient owner, string title, string body, string tags = "")
    {
        var response = await owner.SubmitFormAsync("/admin/posts/new", new Dictionary<string, string>
        {
            ["Input.Title"] = title, ["Input.Body"] = body, ["Input.Tags"] = tags, ["action"] = "publish",
        }, "#content-editor");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return int.Parse(response.Headers.Location!.ToString().Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static Task<HttpResponseMessage> EditAsync(HttpClient owner, int id, Dictionary<string, string> fields) =>
        owner.SubmitFormAsync($"/admin/posts/{id}", fields, "#content-editor");

    [Fact]
    public async Task An_edit_replaces_the_old_words_with_the_new_in_title_body_and_tags()
    {
        var owner = await app.SignInAsOwnerAsync();
        var id = await PublishAsync(owner, "Walrus", "About a seal.", "Arctic");

        await EditAsync(owner, id, new() { ["Input.Title"] = "Narwhal", ["Input.Body"] = "About a whale.", ["Input.Tags"] = "Tusks", ["action"] = "save" });

        Assert.Empty(await FoundAsync("walrus"));
        Assert.Empty(await FoundAsync("seal"));
        Assert.Empty(await FoundAsync("arctic"));
        Assert.Equal(["Narwhal"], await FoundAsync("narwhal"));
        Assert.Equal(["Narwhal"], await FoundAsync("whale"));
        Assert.Equal(["Narwhal"], await FoundAsync("tusks"));
    }

    [Fact]
    public async Task Unpublishing_trashing_restoring_and_deleting_take_a_post_out_of_and_back_into_the_results()
    {
        var owner = await app.SignInAsOwnerAsync();
        var id = await PublishAsync(owner, "Lantern", "A lantern in the window.");
        Assert.Equal(["Lantern"], await FoundAsync("lantern"));

        await EditAsync(owner, id, new() { ["action"] = "unpublish" });
        Assert.Empty(await FoundAsync("lantern"));

        await EditAsync(owner, id, new() { ["action"] = "publish" });
        Assert.Equal(["Lantern"], await FoundAsync("lantern"));

        await EditAsync(owner, id, new() { ["action"] = "trash" });
        Assert.Empty(await FoundAsync("lantern"));

        var trash = await owner.GetDocumentAsync("/admin/trash");
        await owner.SubmitFormAsync(trash, "/admin/trash", new Dictionary<string, string>(), $"form:has(#restore-posts-{id})");
        Assert.Equal(["Lantern"], await FoundAsync("lantern"));

        await EditAsync(owner, id, new() { ["action"] = "trash" });
        trash = await owner.GetDocumentAsync("/admin/trash");
        await owner.SubmitFormAsync(trash, "/admin/trash", new Dictionary<string, string>(), $"form:has(#delete-posts-{id})");
        Assert.Empty(await FoundAsync("lantern"));
        Assert.Equal(0, await app.WithDbAsync((db, _) => db.Database.SqlQuery<int>($"SELECT CAST(count(*) AS integer) AS \"Value\" FROM \"PostSearch\"").SingleAsync()));
    }

    [Fact]
    public async Task Renaming_a_tag_reindexes_its_posts()
    {
        await app.AddPostAsync("Tagged", tags: ["Gulls"]);

        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE \"Tags\" SET \"Name\" = 'Terns'"));

        Assert.Empty(await FoundAsync("gulls"));
        Assert.Equal(["Tagged"], await FoundAsync("terns"));
    }

    [Fact]
    public async Task Ten_thousand_posts_with_a_common_word_are_searched_and_paged_correctly()
    {
        // Filled with one bulk insert in SQL (the triggers index every row), not post by post through EF; quoted
        // identifiers and plain literals, so the same statement runs on SQLite and PostgreSQL.
        await app.AddPostAsync("Seed", body: "seed");
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10000)
            INSERT INTO "Posts" ("Title", "Slug", "BodyMarkdown", "BodyHtml", "BodyText", "Opening", "CommentsClosed", "WordCount", "Status", "PublishedAtUtc", "CreatedAtUtc", "UpdatedAtUtc", "Version")
            SELECT 'Bulk ' || i, 'bulk-' || i, 'the sea ' || i, '<p>the sea</p>', 'the common sea, post number ' || i || CASE WHEN i % 1000 = 0 THEN ' albatross' ELSE '' END,
                   'the common sea', false, 3, 2, '2026-01-01 00:00:00', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 1
            FROM n
            """));

        var common = await app.CreateReader().GetDocumentAsync("/search?q=sea&page=1000");
        var rare = await FoundAsync("albatross");

        Assert.Equal("Page 1000 of 1000", common.Text(".pager__position"));
        Assert.Equal(10, common.QuerySelectorAll(".search-result").Length);
        Assert.Equal(10, rare.Count);
    }
}

/// <summary>The same tests on PostgreSQL.</summary>
public sealed class SearchIndexTestsOnPostgreSql() : SearchIndexTests(new PostgresBlogFactory());
