using System.Net;
using Blog.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Tests.Editing;

public class PostEditorTests : IDisposable
{
    private readonly BlogFactory app;

    public PostEditorTests()
        : this(new BlogFactory())
    {
    }

    /// <summary>The same tests on another provider (PostEditorTestsOnPostgreSql).</summary>
    protected PostEditorTests(BlogFactory app) => this.app = app;

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

    private static Dictionary<string, string> Fields(string title, string body, string action, Dictionary<string, string>? more = null)
    {
        var fields = new Dictionary<string, string> { ["Input.Title"] = title, ["Input.Body"] = body, ["action"] = action };
        foreach (var (k, v) in more ?? [])
        {
            fields[k] = v;
        }

        return fields;
    }

    private static async Task<int> CreateAsync(HttpClient owner, string title, string body, string action = "save", Dictionary<string, string>? more = null)
    {
        var response = await owner.SubmitFormAsync("/admin/posts/new", Fields(title, body, action, more), "#content-editor");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return int.Parse(response.Headers.Location!.ToString().Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Writing_and_publishing_a_post_puts_it_on_the_home_page_at_once()
    {
        var owner = await app.SignInAsOwnerAsync();

        var id = await CreateAsync(owner, "Crème brûlée in Lyon", "Sweet **caramel**.", "publish", new() { ["Input.Tags"] = "Food, Travel, food", ["Input.Category"] = "Journal" });
        var editor = await owner.GetDocumentAsync($"/admin/posts/{id}");
        var post = await app.CreateReader().GetDocumentAsync("/blog/creme-brulee-in-lyon");

        Assert.Contains("Published “Crème brûlée in Lyon”", editor.Text("#status-message"), StringComparison.Ordinal);
        Assert.Equal(["Crème brûlée in Lyon"], (await app.CreateReader().GetDocumentAsync("/")).Texts(".post-card__title"));
        Assert.Equal("caramel", post.Text(".post__body strong"));
        Assert.Equal(["Food", "Travel"], post.Texts(".tag-list a"));
        Assert.Equal("Journal", post.Text(".post-meta__category"));
    }

    [Theory]
    [InlineData("/admin/posts/new", HttpStatusCode.OK)]
    [InlineData("/admin/pages/new", HttpStatusCode.OK)]
    [InlineData("/admin/posts/4242", HttpStatusCode.NotFound)]
    [InlineData("/admin/pages/99999999999", HttpStatusCode.NotFound)]
    [InlineData("/admin/posts/newer", HttpStatusCode.NotFound)]
    public async Task The_editors_one_route_opens_new_content_and_answers_404_for_content_that_is_not_there(string path, HttpStatusCode expected)
    {
        var owner = await app.SignInAsOwnerAsync();

        Assert.Equal(expected, (await owner.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task A_saved_draft_stays_hidden_and_the_server_side_preview_renders_without_saving()
    {
        var owner = await app.SignInAsOwnerAsync();
        var id = await CreateAsync(owner, "Work in progress", "First words.");

        var previewResponse = await owner.SubmitFormAsync($"/admin/posts/{id}", Fields("Work in progress", "## Changed heading", "preview"), "#content-editor");
        var preview = Html.Parse(await previewResponse.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, previewResponse.StatusCode);
        Assert.Equal("Changed heading", preview.QuerySelector("#preview-body h2")!.FirstChild!.TextContent.Trim());
        Assert.Equal("First words.", await app.WithDbAsync(async (db, _) => (await db.Posts.SingleAsync()).BodyMarkdown));
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateReader().GetAsync("/blog/work-in-progress")).StatusCode);
    }

    [Fact]
    public async Task Scheduling_publishes_at_the_chosen_time_in_the_blogs_time_zone()
    {
        await app.UpdateSettingsAsync(s => s.TimeZoneId = "Europe/Paris");
        var owner = await app.SignInAsOwnerAsync();

        // 1 June 2026, 16:00 in Paris is 14:00 UTC: two hours after the test clock's noon.
        await CreateAsync(owner, "Later today", "Soon.", "schedule", new() { ["Input.PublishAt"] = "2026-06-01T16:00" });

        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateReader().GetAsync("/blog/later-today")).StatusCode);
        app.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(HttpStatusCode.OK, (await app.CreateReader().GetAsync("/blog/later-today")).StatusCode);
    }

    [Fact]
    public async Task The_publish_time_is_shown_and_typed_as_the_blog_writes_dates()
    {
        await app.UpdateSettingsAsync(s => s.TimeZoneId = "Europe/Paris");
        var owner = await app.SignInAsOwnerAsync();

        // 3 June 2026, 09:00 in Paris is 07:00 UTC.
        var id = await CreateAsync(owner, "Typed", "By hand.", "schedule", new() { ["Input.PublishAt"] = "3 June 2026 09:00" });
        var editor = await owner.GetDocumentAsync($"/admin/posts/{id}");
        var garbled = await owner.SubmitFormAsync($"/admin/posts/{id}", Fields("Typed", "By hand.", "save", new() { ["Input.PublishAt"] = "next Tuesdayish" }), "#content-editor");

        Assert.Equal(new DateTime(2026, 6, 3, 7, 0, 0, DateTimeKind.Utc), await app.WithDbAsync(async (db, _) => (await db.Posts.SingleAsync()).PublishedAtUtc));
        Assert.Equal("3 June 2026 09:00", editor.QuerySelector("#Input_PublishAt")!.GetAttribute("value"));
        Assert.Equal("text", editor.QuerySelector("#Input_PublishAt")!.GetAttribute("type"));
        Assert.Equal("Scheduled for 3 June 2026 09:00", editor.Text("#content-status"));
        Assert.Equal(HttpStatusCode.OK, garbled.StatusCode);
        Assert.Contains("Write the time as day, month, year and 24-hour time, such as “2 June 2026 09:00”", await garbled.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scheduling_in_the_past_and_a_duplicate_address_are_refused_with_a_clear_message()
    {
        var owner = await app.SignInAsOwnerAsync();
        await CreateAsync(owner, "Taken", "One.");

        var past = await owner.SubmitFormAsync("/admin/posts/new", Fields("Yesterday", "x", "schedule", new() { ["Input.PublishAt"] = "2026-05-01T10:00" }), "#content-editor");
        var duplicate = await owner.SubmitFormAsync("/admin/posts/new", Fields("Another", "x", "save", new() { ["Input.Slug"] = "taken" }), "#content-editor");

        Assert.Equal(HttpStatusCode.OK, past.StatusCode);
        Assert.Contains("choose a date and time in the future", await past.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Another post already has the address “taken”", await duplicate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(async (db, _) => await db.Posts.CountAsync()));
    }

    [Fact]
    public async Task Unpublishing_takes_a_post_off_the_site()
    {
        var owner = await app.SignInAsOwnerAsync();
        var id = await CreateAsync(owner, "Brief", "Here today.", "publish");

        await owner.SubmitFormAsync($"/admin/posts/{id}", new Dictionary<string, string> { ["action"] = "unpublish" }, "#content-editor");

        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateReader().GetAsync("/blog/brief")).StatusCode);
    }

    [Fact]
    public async Task Every_save_keeps_a_revision_and_restoring_one_is_a_new_revision()
    {
        var owner = await app.SignInAsOwnerAsync();
        var id = await CreateAsync(owner, "Essay", "First draft.");
        await owner.SubmitFormAsync($"/admin/posts/{id}", Fields("Essay", "Second draft, worse.", "save"), "#content-editor");

        var history = await owner.GetDocumentAsync($"/admin/posts/{id}/history");
        var firstRevision = history.QuerySelectorAll("#revision-table tbody tr")[^1].QuerySelector("a")!.GetAttribute("href")!;
        var compare = await owner.GetDocumentAsync(firstRevision);
        var restore = await owner.SubmitFormAsync(compare, firstRevision, new Dictionary<string, string>(), "#compare form");
        var after = await owner.GetDocumentAsync($"/admin/posts/{id}/history");

        Assert.Equal(["2", "1"], history.Texts("#revision-table tbody tr td:first-child"));
        // Word by word: "First" became "Second", "draft" stayed.
        Assert.Equal("[removed: First]", compare.QuerySelector(".text-diff__line--changed del")!.TextContent);
        Assert.Equal("[added: Second]", compare.QuerySelector(".text-diff__line--changed ins")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, restore.StatusCode);
        Assert.Equal("First draft.", await app.WithDbAsync(async (db, _) => (await db.Posts.SingleAsync()).BodyMarkdown));
        Assert.Equal(["3", "2", "1"], after.Texts("#revision-table tbody tr td:first-child"));
        Assert.Equal("Restored version 1", after.Text("#revision-table tbody tr td:nth-child(2)"));
    }

    [Fact]
    public async Task Saving_over_a_version_saved_in_another_tab_shows_both_and_overwrites_nothing()
    {
        var owner = await app.SignInAsOwnerAsync();
        var id = await CreateAsync(owner, "Shared", "Original.");
        var tabA = await owner.GetDocumentAsync($"/admin/posts/{id}");
        var tabB = await owner.GetDocumentAsync($"/admin/posts/{id}");

        var savedByA = await owner.SubmitFormAsync(tabA, $"/admin/posts/{id}", Fields("Shared", "Tab A's words.", "save"), "#content-editor");
        var savedByB = await owner.SubmitFormAsync(tabB, $"/admin/posts/{id}", Fields("Shared", "Tab B's words.", "save"), "#content-editor");
        var conflict = Html.Parse(await savedByB.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Redirect, savedByA.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, savedByB.StatusCode);
        Assert.Equal("Tab A's words.", conflict.Text("#conflict-theirs"));
        Assert.Equal("Tab B's words.", conflict.Text("#conflict-mine"));
        Assert.Equal("Tab A's words.", await app.WithDbAsync(async (db, _) => (await db.Posts.SingleAsync()).BodyMarkdown));
        Assert.Equal("Tab B's words.", await app.WithDbAsync(async (db, _) => (await db.Autosaves.SingleAsync()).BodyMarkdown));

        // Choosing to keep B's text is a deliberate second save from the conflict page.
        var overwrite = await owner.SubmitFormAsync(conflict, $"/admin/posts/{id}", new Dictionary<string, string> { ["action"] = "save" }, "#content-editor");
        Assert.Equal(HttpStatusCode.Redirect, overwrite.StatusCode);
        Assert.Equal("Tab B's words.", await app.WithDbAsync(async (db, _) => (await db.Posts.SingleAsync()).BodyMarkdown));
        Assert.Equal(3, await app.WithDbAsync(async (db, _) => await db.Revisions.CountAsync())); // created, A, B
    }

    [Fact]
    public async Task An_autosave_never_changes_the_live_post_and_is_offered_back_in_the_editor()
    {
        var owner = await app.SignInAsOwnerAsync();
        var id = await CreateAsync(owner, "Live", "Published words.", "publish");
        var editor = await owner.GetDocumentAsync($"/admin/posts/{id}");
        var token = editor.QuerySelector("#content-editor input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        app.Clock.Advance(TimeSpan.FromMinutes(5));

        var autosave = await owner.PostAsync("/admin/autosave", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.Key"] = $"post:{id}",
            ["Input.Title"] = "Live",
            ["Input.Body"] = "Half-typed new paragraph",
            ["Input.Version"] = "2",
        }));
        var reopened = await owner.GetDocumentAsync($"/admin/posts/{id}");
        var recovered = await owner.GetDocumentAsync($"/admin/posts/{id}?recover=true");

        Assert.Equal(HttpStatusCode.OK, autosave.StatusCode);
        Assert.Contains("Published words.", (await app.CreateReader().GetDocumentAsync("/blog/live")).Text(".post__body"), StringComparison.Ordinal);
        Assert.NotNull(reopened.QuerySelector("#recover-autosave"));
        Assert.Equal("Half-typed new paragraph", recovered.QuerySelector("textarea[name='Input.Body']")!.TextContent.Trim());
    }

    [Fact]
    public async Task Trash_hides_a_post_restores_it_and_deletes_it_forever()
    {
        var owner = await app.SignInAsOwnerAsync();
        var id = await CreateAsync(owner, "Doubtful", "Hmm.", "publish");

        await owner.SubmitFormAsync($"/admin/posts/{id}", new Dictionary<string, string> { ["action"] = "trash" }, "#content-editor");
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateReader().GetAsync("/blog/doubtful")).StatusCode);

        var trash = await owner.GetDocumentAsync("/admin/trash");
        await owner.SubmitFormAsync(trash, "/admin/trash", new Dictionary<string, string>(), $"form:has(#restore-posts-{id})");
        Assert.Equal(HttpStatusCode.OK, (await app.CreateReader().GetAsync("/blog/doubtful")).StatusCode);

        await owner.SubmitFormAsync($"/admin/posts/{id}", new Dictionary<string, string> { ["action"] = "trash" }, "#content-editor");
        trash = await owner.GetDocumentAsync("/admin/trash");
        await owner.SubmitFormAsync(trash, "/admin/trash", new Dictionary<string, string>(), $"form:has(#delete-posts-{id})");
        Assert.Equal(0, await app.WithDbAsync(async (db, _) => await db.Posts.CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(async (db, _) => await db.Revisions.CountAsync()));
    }

    [Fact]
    public async Task The_post_list_filters_by_status_and_searches_titles()
    {
        await app.AddPostAsync("Spring walk");
        await app.AddPostAsync("Spring draft", draft: true);
        await app.AddPostAsync("Autumn", app.UtcNow.AddDays(3));
        var owner = await app.SignInAsOwnerAsync();

        Assert.Equal(["Spring draft"], (await owner.GetDocumentAsync("/admin/posts?status=draft")).Texts("#post-table tbody td:first-child"));
        Assert.Equal(["Autumn"], (await owner.GetDocumentAsync("/admin/posts?status=scheduled")).Texts("#post-table tbody td:first-child"));
        Assert.Equal(2, (await owner.GetDocumentAsync("/admin/posts?q=spring")).Texts("#post-table tbody tr").Count);
        Assert.Equal(3, (await owner.GetDocumentAsync("/admin/posts")).Texts("#post-table tbody tr").Count);
        Assert.Empty((await owner.GetDocumentAsync("/admin/posts?q=%25")).QuerySelectorAll("#post-table tbody tr")); // a % is a character, not a wildcard
        var dashboard = await owner.GetDocumentAsync("/admin");
        Assert.Equal("1", dashboard.Text("#count-drafts"));
        Assert.Equal("1", dashboard.Text("#count-scheduled"));
        Assert.Equal("1", dashboard.Text("#count-published"));
    }
}

/// <summary>The same tests on PostgreSQL.</summary>
public sealed class PostEditorTestsOnPostgreSql() : PostEditorTests(new PostgresBlogFactory());
