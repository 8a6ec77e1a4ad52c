using Blog.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Blog.Web.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class WritingTests(BrowserFixture browser) : IDisposable
{
    private readonly KestrelBlogFactory app = new();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task The_owner_logs_in_writes_a_post_with_preview_publishes_it_and_sees_it_on_the_home_page()
    {
        await app.CreateOwnerAsync();
        await using var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();

        await page.GotoAsync(app.BaseAddress + "/admin");
        await page.WaitForURLAsync("**/admin/account/login**");
        await page.FillAsync("#Input_Email", OwnerSession.Email);
        await page.FillAsync("#Input_Password", OwnerSession.Password);
        await page.ClickAsync("#login-submit");
        await page.WaitForURLAsync(app.BaseAddress + "/admin");

        await page.ClickAsync("#new-post");
        await page.FillAsync("#Input_Title", "Notes from the coast");
        await page.Editor().FillAsync("The *sea* was loud.\n\n## Evening\n\nQuiet again.");

        // The live preview, beside the text on a wide screen, renders through the site's pipeline as the author types.
        await page.Editor().PressAsync("Control+End");
        await page.Keyboard.TypeAsync(" Really.");
        await Assertions.Expect(page.Locator("#editor-write #preview-body h2")).ToContainTextAsync("Evening");
        await Assertions.Expect(page.Locator("#preview-body em")).ToHaveTextAsync("sea");
        Assert.True(await page.Locator("#editor-toolbar button").CountAsync() >= 8);

        // Focus mode hides all but the text and its length; Esc brings the rest back.
        await page.Keyboard.PressAsync("Control+Shift+F");
        await Assertions.Expect(page.Locator(".admin-header")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#word-count")).ToHaveTextAsync("8 words · 1 min read");
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.Locator(".admin-header")).ToBeVisibleAsync();

        // Bold from the keyboard, around the selected word.
        await page.Keyboard.PressAsync("ArrowLeft");
        await page.Keyboard.PressAsync("Shift+Control+ArrowLeft");
        await page.Keyboard.PressAsync("Control+b");
        Assert.EndsWith("Quiet again. **Really**.", await page.BodyAsync(), StringComparison.Ordinal);

        await page.ClickAsync("#publish-submit");
        await Assertions.Expect(page.Locator("#status-message")).ToContainTextAsync("Published");

        await page.GotoAsync(app.BaseAddress + "/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Notes from the coast" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Notes from the coast");
        await Assertions.Expect(page.Locator(".post__body strong")).ToHaveTextAsync("Really");
    }

    [Fact]
    public async Task Without_javascript_the_plain_form_writes_and_publishes_a_post()
    {
        await app.CreateOwnerAsync();
        await using var context = await browser.Browser.NewContextAsync(new() { JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await page.SignInAndOpenAsync(app, "/admin/posts/new");

        Assert.True(await page.IsVisibleAsync("textarea#Input_Body"));
        Assert.Equal(0, await page.Locator(".cm-editor").CountAsync());
        await page.FillAsync("#Input_Title", "Plain words");
        await page.FillAsync("#Input_Body", "Written in the *plain* form.");
        await page.ClickAsync("#publish-submit");
        await Assertions.Expect(page.Locator("#status-message")).ToContainTextAsync("Published");

        await page.GotoAsync(app.BaseAddress + "/blog/plain-words");
        await Assertions.Expect(page.Locator(".post__body em")).ToHaveTextAsync("plain");
    }
}
