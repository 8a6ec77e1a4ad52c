using Blog.Web.Tests.Infrastructure;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Blog.Web.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class ReadingTests(BrowserFixture browser) : IDisposable
{
    private readonly KestrelBlogFactory app = new();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task A_reader_opens_the_home_page_follows_a_post_and_then_next_and_the_pages_are_accessible()
    {
        await app.UpdateSettingsAsync(s => s.BlogTitle = "Field Notes");
        await app.AddPostAsync("First light", app.UtcNow.AddDays(-3), category: "Mornings", tags: ["Sea"], body: "## Dawn\n\nThe harbour was quiet.");
        await app.AddPostAsync("Second tide", app.UtcNow.AddDays(-2), tags: ["Sea"], body: "Boats came in with the tide.\n\n| Boat | Catch |\n|---|---|\n| Anna | Cod |");
        await app.AddPostAsync("Third walk", app.UtcNow.AddDays(-1), body: "A walk along the cliffs.[^1]\n\n[^1]: With a footnote.");
        await app.AddStaticPageAsync("About", body: "I write and photograph.");

        await using var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 } });
        var page = await context.NewPageAsync();

        await page.GotoAsync(app.BaseAddress + "/");
        await AssertAccessibleAsync(page);
        Assert.Equal("Field Notes", await page.TitleAsync());

        await page.GetByRole(AriaRole.Link, new() { Name = "First light" }).ClickAsync();
        await page.WaitForURLAsync("**/blog/first-light", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        Assert.Equal("First light", await page.Locator("h1").InnerTextAsync());
        await AssertAccessibleAsync(page);

        await page.Locator(".prev-next").GetByRole(AriaRole.Link, new() { Name = "Second tide" }).ClickAsync();
        await page.WaitForURLAsync("**/blog/second-tide", new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        Assert.Equal("Second tide", await page.Locator("h1").InnerTextAsync());
        Assert.Equal("First light", await page.Locator(".prev-next__previous .prev-next__title").InnerTextAsync());
        Assert.Equal("Third walk", await page.Locator(".prev-next__next .prev-next__title").InnerTextAsync());
        await AssertAccessibleAsync(page);

        foreach (var path in new[] { "/blog/third-walk", "/blog/tag/sea", "/blog/category/mornings", "/archive", "/about", "/search?q=sea", "/search?q=nothing-like-it", "/no-such-page" })
        {
            await page.GotoAsync(app.BaseAddress + path);
            await AssertAccessibleAsync(page);
        }
    }

    [Fact]
    public async Task The_skip_link_is_the_first_stop_and_moves_focus_to_the_content()
    {
        await app.AddPostAsync("Only post");
        var page = await browser.Browser.NewPageAsync();

        await page.GotoAsync(app.BaseAddress + "/");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to content", await page.EvaluateAsync<string>("document.activeElement.textContent"));
        Assert.True(await page.Locator(".skip-link").IsVisibleAsync());
        await page.Keyboard.PressAsync("Enter");

        Assert.Equal("content", await page.EvaluateAsync<string>("document.activeElement.id"));
        await page.CloseAsync();
    }

    [Theory]
    [InlineData(320)]
    [InlineData(1440)]
    public async Task A_long_post_fits_the_screen_without_sideways_scrolling_and_reads_without_javascript(int width)
    {
        await app.AddPostAsync(
            "A very long essay",
            body: string.Join("\n\n", Enumerable.Repeat("A paragraph of a long personal essay with a longwordthatkeepsgoingandgoingandgoingandgoingandgoing in it.", 30))
                + "\n\n```\n" + new string('x', 300) + "\n```\n\n| a | b | c | d | e | f |\n|---|---|---|---|---|---|\n| " + string.Join(" | ", Enumerable.Repeat("wide cell content", 6)) + " |");
        await using var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = 800 }, JavaScriptEnabled = false });
        var page = await context.NewPageAsync();

        await page.GotoAsync(app.BaseAddress + "/blog/a-very-long-essay");
        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");

        Assert.True(scrollWidth <= width, $"the page is {scrollWidth}px wide on a {width}px screen");
        Assert.Equal("A very long essay", await page.Locator("h1").InnerTextAsync());
    }

    private static async Task AssertAccessibleAsync(IPage page)
    {
        var results = await page.RunAxe(new AxeRunOptions { ResultTypes = [ResultType.Violations] });
        var violations = string.Join("\n", results.Violations.Select(v =>
            $"{v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}"));
        Assert.True(results.Violations.Length == 0, $"{page.Url} has accessibility violations:\n{violations}");
    }
}
