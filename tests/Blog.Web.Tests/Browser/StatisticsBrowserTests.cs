using Blog.Web.Tests.Infrastructure;
using Blog.Web.Tests.Statistics;
using Microsoft.Playwright;

namespace Blog.Web.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class StatisticsBrowserTests(BrowserFixture browser) : IDisposable
{
    private const string Chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

    private readonly KestrelBlogFactory app = new();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task A_browser_that_renders_a_post_is_a_reader_and_the_owner_sees_it_in_the_chart()
    {
        await app.AddPostAsync("Rendered by a browser");
        await app.CreateOwnerAsync();

        // A reader's browser (the CSS pixel loads under the site's CSP, no script runs).
        await using (var reader = await browser.Browser.NewContextAsync(new() { UserAgent = Chrome, JavaScriptEnabled = false }))
        {
            var page = await reader.NewPageAsync();
            var pixel = page.WaitForResponseAsync(r => r.Url.Contains("/stats/seen/", StringComparison.Ordinal));
            await page.GotoAsync(app.BaseAddress + "/blog/rendered-by-a-browser");
            Assert.Equal(200, (await pixel).Status);
        }

        await app.FlushStatisticsAsync();
        Assert.Equal(1, Assert.Single(await app.PageFiguresAsync()).Readers);

        await using var context = await browser.Browser.NewContextAsync(new() { UserAgent = Chrome });
        var owner = await context.NewPageAsync();
        await owner.GotoAsync(app.BaseAddress + "/admin/stats");
        await owner.FillAsync("#Input_Email", OwnerSession.Email);
        await owner.FillAsync("#Input_Password", OwnerSession.Password);
        await owner.ClickAsync("#login-submit");
        await owner.WaitForURLAsync("**/admin/stats");

        await Assertions.Expect(owner.Locator("#total-readers")).ToHaveTextAsync("1");
        await Assertions.Expect(owner.Locator("#stats-chart")).ToBeVisibleAsync();

        var shots = Environment.GetEnvironmentVariable("BLOG_SCREENSHOTS");
        foreach (var width in new[] { 375, 1280 })
        {
            foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
            {
                await owner.SetViewportSizeAsync(width, 900);
                await owner.EmulateMediaAsync(new() { ColorScheme = scheme });
                var overflow = await owner.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");
                Assert.False(overflow, $"the statistics page scrolls sideways at {width} px");
                var chart = await owner.Locator("#stats-chart").BoundingBoxAsync();
                var column = await owner.Locator("#content h1").BoundingBoxAsync();
                Assert.True(chart!.Width >= column!.Width * 0.95, $"the chart is {chart.Width} px wide in a {column.Width} px column at {width} px");
                if (!string.IsNullOrEmpty(shots))
                {
                    await owner.ScreenshotAsync(new() { Path = Path.Combine(shots, $"stats-{width}-{scheme}.png".ToLowerInvariant()), FullPage = true });
                }
            }
        }

        // The bar for today carries its figures in its tooltip.
        Assert.Contains("1 views, 1 readers", await owner.Locator("#stats-chart .stats-chart__bars g").Last.Locator("title").TextContentAsync(), StringComparison.Ordinal);

        // The post's own page, a click away.
        await owner.ClickAsync("#top-content a");
        await Assertions.Expect(owner.Locator("h1")).ToHaveTextAsync("Rendered by a browser");
        await Assertions.Expect(owner.Locator("#total-readers")).ToHaveTextAsync("1");
        await owner.ClickAsync("#period-365");
        await Assertions.Expect(owner.Locator("#period-365")).ToHaveAttributeAsync("aria-current", "page");
        if (!string.IsNullOrEmpty(shots))
        {
            await owner.ScreenshotAsync(new() { Path = Path.Combine(shots, "post-stats-375-dark.png"), FullPage = true });
            await owner.SetViewportSizeAsync(1280, 900);
            await owner.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
            await owner.ScreenshotAsync(new() { Path = Path.Combine(shots, "post-stats-1280-light.png"), FullPage = true });
        }
    }
}
