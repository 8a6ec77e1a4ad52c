using System.Net;
using Blog.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Tests.Editing;

/// <summary>Static pages have the posts' workflow: publish, schedule, revisions, conflicts, autosave, trash.</summary>
public sealed class StaticPageEditorTests : IDisposable
{
    private readonly BlogFactory app = new();

    public void Dispose() => app.Dispose();

    private static async Task<int> CreateAsync(HttpClient owner, Dictionary<string, string> fields)
    {
        var response = await owner.SubmitFormAsync("/admin/pages/new", fields, "#content-editor");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return int.Parse(response.Headers.Location!.ToString().Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task A_published_page_appears_at_its_address_and_in_the_navigation_in_its_order()
    {
        await app.AddStaticPageAsync("Contact", menuOrder: 5);
        var owner = await app.SignInAsOwnerAsync();

        await CreateAsync(owner, new() { ["Input.Title"] = "Prints for sale", ["Input.Body"] = "Ask me about **prints**.", ["Input.MenuOrder"] = "1", ["action"] = "publish" });
        var page = await app.CreateReader().GetDocumentAsync("/prints-for-sale");

        Assert.Equal("prints", page.Text(".post__body strong"));
        Assert.Equal(["Home", "Prints for sale", "Contact", "Archive"], page.Texts(".site-nav a"));
        Assert.Equal(1, await app.WithDbAsync(async (db, _) => await db.Revisions.CountAsync(r => r.StaticPageId != null)));
        Assert.Equal(["Contact", "Prints for sale"], (await owner.GetDocumentAsync("/admin/pages")).Texts("#page-table tbody td:first-child").Order());
    }

    [Fact]
    public async Task A_scheduled_page_joins_the_navigation_at_its_time()
    {
        var owner = await app.SignInAsOwnerAsync();

        await CreateAsync(owner, new() { ["Input.Title"] = "Exhibition", ["action"] = "schedule", ["Input.PublishAt"] = "2026-06-01T13:00" });

        Assert.DoesNotContain("Exhibition", (await app.CreateReader().GetDocumentAsync("/")).Texts(".site-nav a"));
        app.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Contains("Exhibition", (await app.CreateReader().GetDocumentAsync("/")).Texts(".site-nav a"));
        Assert.Equal(HttpStatusCode.OK, (await app.CreateReader().GetAsync("/exhibition")).StatusCode);
    }

    [Theory]
    [InlineData("admin", "cannot be a page address")]
    [InlineData("archive", "cannot be a page address")]
    [InlineData("Not A Slug", "Use lower-case letters, digits and hyphens")]
    public async Task Addresses_the_site_uses_itself_or_that_are_not_slugs_are_refused(string slug, string message)
    {
        var owner = await app.SignInAsOwnerAsync();

        var response = await owner.SubmitFormAsync("/admin/pages/new", new Dictionary<string, string>
        {
            ["Input.Title"] = "Clash",
            ["Input.Slug"] = slug,
            ["action"] = "publish",
        }, "#content-editor");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(async (db, _) => await db.StaticPages.CountAsync()));
    }

    [Fact]
    public async Task A_page_keeps_its_history_and_a_revision_can_be_restored()
    {
        var owner = await app.SignInAsOwnerAsync();
        var id = await CreateAsync(owner, new() { ["Input.Title"] = "About", ["Input.Body"] = "I photograph harbours.", ["action"] = "publish" });
        await owner.SubmitFormAsync($"/admin/pages/{id}", new Dictionary<string, string> { ["Input.Body"] = "Oops, deleted it all.", ["action"] = "save" }, "#content-editor");

        var history = await owner.GetDocumentAsync($"/admin/pages/{id}/history");
        var first = history.QuerySelectorAll("#revision-table tbody tr a")[^1].GetAttribute("href")!;
        var compare = await owner.GetDocumentAsync(first);
        await owner.SubmitFormAsync(compare, first, new Dictionary<string, string>(), "#compare form");

        Assert.Contains("I photograph harbours.", (await app.CreateReader().GetDocumentAsync("/about")).Text(".post__body"), StringComparison.Ordinal);
        Assert.Equal("Restored version 1", (await owner.GetDocumentAsync($"/admin/pages/{id}/history")).Text("#revision-table tbody tr td:nth-child(2)"));
    }

    [Fact]
    public async Task Saving_a_page_over_a_newer_version_shows_both_and_keeps_the_newer()
    {
        var owner = await app.SignInAsOwnerAsync();
        var id = await CreateAsync(owner, new() { ["Input.Title"] = "Now", ["Input.Body"] = "Start.", ["action"] = "save" });
        var tabA = await owner.GetDocumentAsync($"/admin/pages/{id}");
        var tabB = await owner.GetDocumentAsync($"/admin/pages/{id}");

        await owner.SubmitFormAsync(tabA, $"/admin/pages/{id}", new Dictionary<string, string> { ["Input.Body"] = "From the laptop.", ["action"] = "save" }, "#content-editor");
        var refused = await owner.SubmitFormAsync(tabB, $"/admin/pages/{id}", new Dictionary<string, string> { ["Input.Body"] = "From the phone.", ["action"] = "save" }, "#content-editor");
        var conflict = Html.Parse(await refused.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("From the laptop.", conflict.Text("#conflict-theirs"));
        Assert.Equal("From the phone.", conflict.Text("#conflict-mine"));
        Assert.Equal("From the laptop.", await app.WithDbAsync(async (db, _) => (await db.StaticPages.SingleAsync()).BodyMarkdown));
    }

    [Fact]
    public async Task A_trashed_page_leaves_the_site_and_comes_back_when_restored()
    {
        var owner = await app.SignInAsOwnerAsync();
        var id = await CreateAsync(owner, new() { ["Input.Title"] = "Workshops", ["action"] = "publish" });

        await owner.SubmitFormAsync($"/admin/pages/{id}", new Dictionary<string, string> { ["action"] = "trash" }, "#content-editor");
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateReader().GetAsync("/workshops")).StatusCode);
        Assert.DoesNotContain("Workshops", (await app.CreateReader().GetDocumentAsync("/")).Texts(".site-nav a"));

        var trash = await owner.GetDocumentAsync("/admin/trash");
        Assert.Equal("Page", trash.Text("#trash-table tbody td:nth-child(2)"));
        await owner.SubmitFormAsync(trash, "/admin/trash", new Dictionary<string, string>(), $"form:has(#restore-pages-{id})");
        Assert.Equal(HttpStatusCode.OK, (await app.CreateReader().GetAsync("/workshops")).StatusCode);
    }

    [Fact]
    public async Task Unsaved_page_text_is_offered_back_after_an_autosave()
    {
        var owner = await app.SignInAsOwnerAsync();
        var id = await CreateAsync(owner, new() { ["Input.Title"] = "Notes", ["Input.Body"] = "Saved.", ["action"] = "save" });
        var editor = await owner.GetDocumentAsync($"/admin/pages/{id}");
        var form = editor.QuerySelector("#content-editor")!;
        app.Clock.Advance(TimeSpan.FromMinutes(1));

        await owner.PostAsync("/admin/autosave", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["Input.Key"] = form.GetAttribute("data-autosave-key")!,
            ["Input.Title"] = "Notes",
            ["Input.Body"] = "Typed but not saved.",
            ["Input.Version"] = "1",
        }));
        var recovered = await owner.GetDocumentAsync($"/admin/pages/{id}?recover=true");

        Assert.Equal($"page:{id}", form.GetAttribute("data-autosave-key"));
        Assert.NotNull((await owner.GetDocumentAsync($"/admin/pages/{id}")).QuerySelector("#recover-autosave"));
        Assert.Equal("Typed but not saved.", recovered.QuerySelector("textarea[name='Input.Body']")!.TextContent.Trim());
    }
}
