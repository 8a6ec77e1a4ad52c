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
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(app.BaseAddress + "/admin");
        await page.WaitForURLAsync("**/admin/account/login**");
        await page.FillAsync("#Input_Email", OwnerSession.Email);
        await page.FillAsync("#Input_Password", OwnerSession.Password);
        await page.ClickAsync("#login-submit");
        await page.WaitForURLAsync(app.BaseAddress + "/admin");

        await page.ClickAsync("#new-post");
        await page.FillAsync("#Input_Title", "Notes from the coast");
        await page.FillAsync("#Input_Body", "The *sea* was loud.\n\n## Evening\n\nQuiet again.");

        // The live preview renders through the site's pipeline as the author types.
        await page.FocusAsync("#Input_Body");
        await page.Keyboard.TypeAsync(" Really.");
        await Assertions.Expect(page.Locator("#preview-body h2")).ToContainTextAsync("Evening");
        await Assertions.Expect(page.Locator("#preview-body em")).ToHaveTextAsync("sea");
        Assert.True(await page.Locator("#editor-toolbar button").CountAsync() >= 5);

        await page.ClickAsync("#publish-submit");
        await Assertions.Expect(page.Locator("#status-message")).ToContainTextAsync("Published");

        await page.GotoAsync(app.BaseAddress + "/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Notes from the coast" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Notes from the coast");
        await Assertions.Expect(page.Locator(".post__body")).ToContainTextAsync("Quiet again. Really.");
    }
}
