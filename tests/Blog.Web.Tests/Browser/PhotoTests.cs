using Blog.Web.Markdown;
using Blog.Web.Media;
using Blog.Web.Posts;
using Blog.Web.Tests.Infrastructure;
using Blog.Web.Tests.Media;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Blog.Web.Tests.Browser;

/// <summary>
/// A photographer's post in a real Chromium: a 12-photo gallery, a wide photo and the lightbox, at a phone's and a
/// laptop's size, light and dark. Screenshots go to artifacts/screenshots (not committed).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PhotoTests(BrowserFixture browser, PhotoTests.GalleryBlog gallery) : IClassFixture<PhotoTests.GalleryBlog>, IDisposable
{
    private static readonly string Screenshots = Path.Combine(RepositoryRoot.Path, "artifacts", "screenshots");

    private KestrelBlogFactory? ownApp;

    /// <summary>A blog of this test's own, for the tests that add posts.</summary>
    private KestrelBlogFactory app => ownApp ??= new();

    public void Dispose() => ownApp?.Dispose();

    /// <summary>
    /// The gallery post (thirteen photos through the library's pipeline: seconds of resizing and encoding) and a post
    /// of words only beside it, made once for the tests that only read them, as a reader would.
    /// </summary>
    public sealed class GalleryBlog : IAsyncLifetime
    {
        public KestrelBlogFactory App { get; } = new();

        public string Slug { get; private set; } = "";

        public async Task InitializeAsync()
        {
            Slug = await AddGalleryPostAsync(App);
            await App.AddPostAsync("Words only", body: "Nothing but words today.\n\n## A heading\n\nAnd a second paragraph.");
        }

        public Task DisposeAsync()
        {
            App.Dispose();
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task A_gallery_post_opens_in_the_lightbox_moves_with_the_arrow_keys_closes_with_esc_and_is_accessible_light_and_dark()
    {
        var (app, slug) = (gallery.App, gallery.Slug);
        foreach (var (width, height) in new[] { (375, 812), (1280, 800) })
        {
            foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
            {
                await using var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, ColorScheme = scheme });
                var page = await context.NewPageAsync();
                await page.GotoAsync($"{app.BaseAddress}/blog/{slug}");
                await AssertAccessibleAsync(page, "lightbox closed");
                await ScreenshotAsync(page, $"gallery-post-{width}-{scheme.ToString().ToLowerInvariant()}", fullPage: true);

                var first = page.Locator(".gallery a.photo__link").First;
                await first.FocusAsync();
                await page.Keyboard.PressAsync("Enter");
                var dialog = page.GetByRole(AriaRole.Dialog);
                await Assertions.Expect(dialog).ToBeVisibleAsync();
                await Assertions.Expect(page.Locator(".pswp__counter")).ToHaveTextAsync("1 of 13");
                await Assertions.Expect(page.Locator(".pswp__caption")).ToHaveTextAsync("Morning, from the harbour wall");
                await Assertions.Expect(page.Locator(".pswp.lightbox-ready")).ToHaveCountAsync(1);

                await page.Keyboard.PressAsync("ArrowRight");
                await Assertions.Expect(page.Locator(".pswp__counter")).ToHaveTextAsync("2 of 13");
                await page.Keyboard.PressAsync("ArrowRight");
                await Assertions.Expect(page.Locator(".pswp__counter")).ToHaveTextAsync("3 of 13");
                await page.Keyboard.PressAsync("ArrowLeft");
                await Assertions.Expect(page.Locator(".pswp__counter")).ToHaveTextAsync("2 of 13");
                await page.WaitForTimeoutAsync(400); // the opening animation settles before axe looks
                await AssertAccessibleAsync(page, "lightbox open");
                await ScreenshotAsync(page, $"lightbox-{width}-{scheme.ToString().ToLowerInvariant()}");

                await page.Keyboard.PressAsync("Escape");
                await Assertions.Expect(page.Locator(".pswp")).ToHaveCountAsync(0);
                Assert.True(await first.EvaluateAsync<bool>("link => document.activeElement === link"), "focus returns to the photo that was opened");
                await AssertAccessibleAsync(page, "lightbox closed again");
            }
        }
    }

    [Fact]
    public async Task On_a_phone_no_gallery_photo_is_downloaded_wider_than_its_cell_needs_and_nothing_shifts()
    {
        var (app, slug) = (gallery.App, gallery.Slug);
        await using var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 375, Height = 812 }, DeviceScaleFactor = 2 });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{app.BaseAddress}/blog/{slug}");
        var positions = await page.EvaluateAsync<double[]>("[...document.querySelectorAll('.prose img')].map(i => i.getBoundingClientRect().top + scrollY)");

        // Every photo loaded (lazy ones too), then each one's file compared with the width its cell shows it at.
        foreach (var image in await page.Locator(".gallery img").AllAsync())
        {
            await image.ScrollIntoViewIfNeededAsync();
        }

        await page.WaitForFunctionAsync("[...document.querySelectorAll('.prose img')].every(i => i.complete && i.currentSrc)");
        var downloads = await page.EvaluateAsync<string[]>(
            """
            [...document.querySelectorAll('.gallery img')].map(img => {
              const needed = img.getBoundingClientRect().width * devicePixelRatio;
              const widths = [...img.closest('picture').querySelector('source').srcset.matchAll(/ (\d+)w/g)].map(m => +m[1]);
              const enough = widths.find(w => w >= needed) ?? Math.max(...widths);
              const got = +img.currentSrc.match(/\/(\d+)\.(webp|jpg)$/)[1];
              return `${got}/${enough}/${Math.round(needed)}`;
            })
            """);
        Assert.Equal(12, downloads.Length);
        Assert.All(downloads, d =>
        {
            var parts = d.Split('/').Select(int.Parse).ToArray();
            Assert.True(parts[0] <= parts[1], $"downloaded {parts[0]} px wide for a cell needing {parts[2]} px ({parts[1]} would do)");
        });
        Assert.Contains(".webp", await page.Locator(".gallery img").First.EvaluateAsync<string>("i => i.currentSrc"), StringComparison.Ordinal);

        var after = await page.EvaluateAsync<double[]>("[...document.querySelectorAll('.prose img')].map(i => i.getBoundingClientRect().top + scrollY)");
        Assert.Equal(positions, after); // width and height known beforehand: loading moves nothing
        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 375, $"the page is {scrollWidth}px wide");
    }

    [Fact]
    public async Task Without_javascript_a_photo_links_to_its_largest_file_and_a_post_without_photos_loads_no_lightbox()
    {
        var (app, slug) = (gallery.App, gallery.Slug); // the gallery and, beside it, a post of words only
        await using var context = await browser.Browser.NewContextAsync(new() { JavaScriptEnabled = false, ViewportSize = new() { Width = 1280, Height = 800 } });
        var page = await context.NewPageAsync();

        await page.GotoAsync($"{app.BaseAddress}/blog/{slug}");
        await page.Locator(".photo--wide a.photo__link").ClickAsync();
        await page.WaitForURLAsync("**/media/*/2400.jpg");

        await using var reading = await browser.Browser.NewContextAsync();
        var words = await reading.NewPageAsync();
        var requests = new List<string>();
        words.Request += (_, request) => requests.Add(request.Url);
        await words.GotoAsync($"{app.BaseAddress}/blog/words-only");
        await words.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.DoesNotContain(requests, url => url.Contains("lightbox", StringComparison.Ordinal) || url.Contains("photos", StringComparison.Ordinal));
        var bytes = await words.EvaluateAsync<double>(
            "performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource')).reduce((sum, e) => sum + e.transferSize, 0)");
        Assert.True(bytes <= 25 * 1024, $"a post without photos transferred {bytes} bytes");
    }

    [Theory]
    [InlineData(375, 812)]
    [InlineData(1280, 800)]
    public async Task A_portrait_cover_leaves_the_title_and_the_first_lines_on_the_first_screen_and_the_phone_header_stays_small(int width, int height)
    {
        var cover = await AddPhotoAsync(app, "portrait.jpg", TestImages.Jpeg(1600, 2400), "A tall portrait");
        await app.WithDbAsync(async (db, services) =>
        {
            var post = await AddPostAsync(app, db, services, "A portrait essay", string.Join("\n\n", Enumerable.Repeat("The essay begins here, and it is what the reader came for.", 8)));
            post.SetCover($"/media/{cover}/1600.jpg", "A tall portrait", (await db.LoadLibraryImagesAsync(default, $"/media/{cover}/1600.jpg")).Find($"/media/{cover}/1600.jpg"));
            await db.SaveChangesAsync();
            return post;
        });
        await using var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{app.BaseAddress}/blog/a-portrait-essay");

        var title = await page.Locator(".post__title").BoundingBoxAsync();
        var firstParagraph = await page.Locator(".post__body p").First.BoundingBoxAsync();
        Assert.True(title!.Y + title.Height <= height, "the title is on the first screen");
        Assert.True(firstParagraph!.Y + 2 * 24 <= height, $"the text starts at {firstParagraph.Y} px, below the first screen of {height}");
        if (width < 600)
        {
            var header = await page.Locator(".site-header").BoundingBoxAsync();
            Assert.True(header!.Height <= height / 5.0 + 8, $"the header is {header.Height} px of {height}");
        }

        await ScreenshotAsync(page, $"cover-{width}");
    }

    [Fact]
    public async Task The_sample_markdown_post_has_no_accessibility_violations()
    {
        var sample = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "src", "Blog.Web", "Data", "Samples", "markdown-features.md"));
        await app.WithDbAsync((db, services) => AddPostAsync(app, db, services, "What Markdown can do here", sample));
        await using var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 375, Height = 812 } });
        var page = await context.NewPageAsync();

        await page.GotoAsync(app.BaseAddress + "/blog/what-markdown-can-do-here");

        Assert.Equal(3, await page.Locator(".task-list-item input[type=checkbox]").CountAsync());
        await AssertAccessibleAsync(page, "sample post");
    }

    /// <summary>Twelve photos of mixed shapes in a gallery, then a wide photo: the post the issue measures.</summary>
    private static async Task<string> AddGalleryPostAsync(KestrelBlogFactory app)
    {
        var ids = new List<int>();
        for (var i = 0; i < 12; i++)
        {
            var (w, h) = (i % 4) switch { 1 => (1600, 2400), 3 => (2400, 2400), _ => (2400, 1600) };
            ids.Add(await AddPhotoAsync(app, $"harbour-{i + 1}.jpg", TestImages.Jpeg(w, h), $"Harbour photo {i + 1}"));
        }

        var wide = await AddPhotoAsync(app, "bay.jpg", TestImages.Jpeg(2400, 1000), "The whole bay");
        await app.WithDbAsync(db => db.MediaItems.Where(m => m.Id == ids[0]).ExecuteUpdateAsync(s => s.SetProperty(m => m.Caption, "Morning, from the harbour wall")));
        var body = "A morning at the harbour, in twelve photographs.\n\n"
            + string.Join("\n", ids.Select(id => $"![](/media/{id}/1600.jpg)"))
            + "\n\nThen the bay opened up.\n\n"
            + $"![](/media/{wide}/1600.jpg \"The bay at noon\"){{.wide}}\n\nAnd that was the day.";
        await app.WithDbAsync((db, services) => AddPostAsync(app, db, services, "Twelve photographs", body));
        return "twelve-photographs";
    }

    private static async Task<Post> AddPostAsync(BlogFactory app, Blog.Web.Data.BlogDbContext db, IServiceProvider services, string title, string body)
    {
        var now = app.UtcNow;
        var post = new Post(title, Slug.From(title), now);
        post.SetBody(body, services.GetRequiredService<MarkdownRenderer>(), now, await db.LoadLibraryImagesAsync(default, body));
        post.Publish(now);
        db.Posts.Add(post);
        await db.SaveChangesAsync();
        return post;
    }

    private static async Task ScreenshotAsync(IPage page, string name, bool fullPage = false)
    {
        Directory.CreateDirectory(Screenshots);
        if (fullPage)
        {
            // Lazy photos load as a reader scrolls; a whole-page picture shows them all.
            foreach (var image in await page.Locator(".prose img").AllAsync())
            {
                await image.ScrollIntoViewIfNeededAsync();
            }

            await page.WaitForFunctionAsync("[...document.querySelectorAll('.prose img')].every(i => i.complete)");
            await page.EvaluateAsync("window.scrollTo(0, 0)");
        }

        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, name + ".png"), FullPage = fullPage });
    }

    private static async Task AssertAccessibleAsync(IPage page, string when)
    {
        var results = await page.RunAxe(new AxeRunOptions { ResultTypes = [ResultType.Violations] });
        var violations = string.Join("\n", results.Violations.Select(v =>
            $"{v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}"));
        Assert.True(results.Violations.Length == 0, $"{page.Url} ({when}) has accessibility violations:\n{violations}");
    }

    /// <summary>Adds a photo through the library's own pipeline, as an upload does.</summary>
    private static Task<int> AddPhotoAsync(BlogFactory app, string name, byte[] bytes, string? alt = null) =>
        app.WithDbAsync(async (_, services) => (await services.GetRequiredService<Blog.Web.Media.MediaLibrary>().AddAsync(name, bytes, alt, default)).Item!.Id);
}
