using Microsoft.Playwright;

namespace Blog.Web.Tests.Infrastructure;

/// <summary>
/// One headless Chromium for the browser tests: the system's (Debian's <c>chromium</c> package, or the path in
/// <c>BLOG_TEST_CHROMIUM</c>), else Playwright's own download where the internet allows it. When neither can be had
/// the tests fail with a message saying so; they never skip.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private static readonly string[] KnownPaths = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        playwright = await Playwright.CreateAsync();
        var options = new BrowserTypeLaunchOptions
        {
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        };

        var executable = Environment.GetEnvironmentVariable("BLOG_TEST_CHROMIUM") is { Length: > 0 } configured
            ? configured
            : KnownPaths.FirstOrDefault(File.Exists);
        if (executable is not null)
        {
            options.ExecutablePath = executable;
        }
        else if (Microsoft.Playwright.Program.Main(["install", "chromium"]) != 0)
        {
            throw new InvalidOperationException(
                "The browser tests need Chromium: install Debian's 'chromium' package, set BLOG_TEST_CHROMIUM to a Chromium binary, " +
                "or allow Playwright to download its own (that download failed).");
        }

        Browser = await playwright.Chromium.LaunchAsync(options);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "xunit calls it a collection: the tests that share one browser.")]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}

/// <summary>The app on a real Kestrel port, for a real browser to visit.</summary>
public sealed class KestrelBlogFactory : BlogFactory
{
    public KestrelBlogFactory()
    {
        UseKestrel(0);
        StartServer();
    }

    public string BaseAddress => ClientOptions.BaseAddress.ToString().TrimEnd('/');
}
