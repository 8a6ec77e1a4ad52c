using Blog.Web.Tests.Infrastructure;
using Blog.Web.Tests.Media;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Blog.Web.Tests.Browser;

/// <summary>Every dashboard page, on a phone and a wide screen, light and dark: no axe violations.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AdminAccessibilityTests(BrowserFixture browser) : IDisposable
{
    private readonly KestrelBlogFactory app = new();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task Every_admin_page_has_no_accessibility_violations_at_375_and_1280_in_light_and_dark()
    {
        await app.CreateOwnerAsync();
        await app.AddPostAsync("Published words", app.UtcNow.AddDays(-1), tags: ["Sea"], body: "## A heading\n\nSome *words*.");
        await app.AddPostAsync("Coming soon", app.UtcNow.AddDays(3));
        await app.AddPostAsync("Half written", draft: true, body: "Half a thought.");
        await app.AddStaticPageAsync("About", body: "Who writes here.");

        // A second version for the history, and a photo for the library's pages, made the way the author makes them.
        await using (var setup = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } }))
        {
            var page = await setup.NewPageAsync();
            await page.SignInAndOpenAsync(app, "/admin/posts/1");
            await page.Editor().PressAsync("Control+End");
            await page.Keyboard.TypeAsync(" More words.");
            await page.ClickAsync("#save-submit");
            await Assertions.Expect(page.Locator("#status-message")).ToBeVisibleAsync();
            await page.GotoAsync(app.BaseAddress + "/admin/media");
            await page.SetInputFilesAsync("#Input_Files", new FilePayload { Name = "harbour.jpg", MimeType = "image/jpeg", Buffer = TestImages.Jpeg(900, 600) });
            await page.FillAsync("#Input_AltText", "Boats in the harbour");
            await page.ClickAsync("#upload-submit");
            await Assertions.Expect(page.Locator("a[href='/admin/media/1']").First).ToBeVisibleAsync(new() { Timeout = 20_000 });
            await setup.StorageStateAsync(new() { Path = StatePath });
        }

        string[] pages =
        [
            "/admin", "/admin/posts", "/admin/posts/new", "/admin/posts/1", "/admin/posts/1/history", "/admin/posts/1/history/1",
            "/admin/pages", "/admin/pages/new", "/admin/pages/1", "/admin/media", "/admin/media/1", "/admin/media/1/delete",
            "/admin/trash", "/admin/settings", "/admin/import", "/admin/export", "/admin/account", "/admin/account/two-factor",
        ];
        var failures = new List<string>();
        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            foreach (var width in new[] { 375, 1280 })
            {
                await using var signedOut = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = 800 }, ColorScheme = scheme });
                var login = await signedOut.NewPageAsync();
                await login.GotoAsync(app.BaseAddress + "/admin/account/login");
                failures.AddRange(await ViolationsAsync(login, $"{width} {scheme}"));

                await using var context = await browser.Browser.NewContextAsync(new()
                {
                    ViewportSize = new() { Width = width, Height = 800 }, ColorScheme = scheme, StorageStatePath = StatePath,
                });
                var page = await context.NewPageAsync();
                foreach (var path in pages)
                {
                    var response = await page.GotoAsync(app.BaseAddress + path);
                    Assert.True(response!.Ok, $"{path} answered {response.Status}");
                    failures.AddRange(await ViolationsAsync(page, $"{width} {scheme}"));
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private string StatePath => Path.Combine(Path.GetDirectoryName(app.DatabasePath)!, "owner-state.json");

    private static async Task<IEnumerable<string>> ViolationsAsync(IPage page, string where)
    {
        var results = await page.RunAxe(new AxeRunOptions { ResultTypes = [ResultType.Violations] });
        return results.Violations.Select(v =>
            $"{new Uri(page.Url).PathAndQuery} at {where}: {v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}");
    }
}
