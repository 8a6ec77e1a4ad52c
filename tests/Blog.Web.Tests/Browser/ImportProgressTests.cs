using Blog.Web.Portability.Import;
using Blog.Web.Tests.Infrastructure;
using Blog.Web.Tests.Portability;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Blog.Web.Tests.Browser;

/// <summary>The import page's progress script, in a real browser under the site's Content-Security-Policy.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ImportProgressTests : IDisposable
{
    private readonly BrowserFixture browser;
    private readonly ImageServer images = new();
    private readonly GatedImageStore store = new();
    private readonly KestrelBlogFactory app;

    public ImportProgressTests(BrowserFixture browser)
    {
        this.browser = browser;
        images.Gate = store.Opened;
        app = new() { ExtraServices = s => s.AddSingleton<IImportedImageStore>(store) };
    }

    public void Dispose()
    {
        app.Dispose();
        images.Dispose();
    }

    [Fact]
    public async Task The_run_page_follows_a_running_import_and_shows_the_report_without_a_manual_refresh()
    {
        await app.CreateOwnerAsync();
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };

        await page.GotoAsync(app.BaseAddress + "/admin/import");
        await page.FillAsync("#Input_Email", OwnerSession.Email);
        await page.FillAsync("#Input_Password", OwnerSession.Password);
        await page.ClickAsync("#login-submit");
        await page.GotoAsync(app.BaseAddress + "/admin/import");
        await page.SetInputFilesAsync("#Input_File", PortabilityHelpers.FixtureWithImages("wordpress-1.2.xml", images.BaseUrl));
        await page.CheckAsync("#Input_AllowPrivateAddresses");
        await page.ClickAsync("#import-submit");

        await page.WaitForURLAsync("**/admin/import/*");
        try
        {
            await Assertions.Expect(page.Locator("#run-status")).ToHaveTextAsync("Running", new() { Timeout = 10_000 });
        }
        catch (PlaywrightException e)
        {
            throw new Xunit.Sdk.XunitException($"{e.Message}\nimage requests: {images.Requests}, stores: {store.Calls}\nreport: {await page.Locator("main").InnerTextAsync()}");
        }

        store.Open();
        await Assertions.Expect(page.Locator("#run-report")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(page.Locator("#run-status")).ToHaveTextAsync("Succeeded");
        Assert.Equal("5", await page.Locator("#run-progress").GetAttributeAsync("value"));
        Assert.Empty(errors);
    }

    /// <summary>
    /// Holds the import at its first image until the test has seen it running, however fast or slow the machine: the image
    /// server waits for the same gate, so the download is held too.
    /// </summary>
    private sealed class GatedImageStore : IImportedImageStore
    {
        private readonly TaskCompletionSource gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Calls { get; private set; }

        public Task Opened => gate.Task;

        public void Open() => gate.TrySetResult();

        public async Task<string?> StoreAsync(Stream content, string fileName, string? alt, CancellationToken cancellationToken)
        {
            Calls++;

            // Bounded, so a test that fails before opening the gate does not hang the import.
            try
            {
                await gate.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            }
            catch (TimeoutException)
            {
            }

            return $"/media/{fileName}";
        }
    }
}
