using Blog.Web.Tests.Infrastructure;
using Blog.Web.Tests.Media;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Blog.Web.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class MediaEditorTests(BrowserFixture browser) : IDisposable
{
    private readonly KestrelBlogFactory app = new();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task Insert_photos_uploads_inside_the_picker_asks_for_the_description_and_puts_the_markdown_at_the_cursor()
    {
        var page = await SignInAtNewPostAsync();
        await page.Editor().FillAsync("Before.\n\nAfter.");
        await page.EvaluateAsync("() => window.blogEditor.dispatch({ selection: { anchor: 8 } })"); // the empty line

        await page.ClickAsync("#pick-insert");
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Insert photos" });
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await dialog.Locator("#picker-file").SetInputFilesAsync(new FilePayload { Name = "sunset.jpg", MimeType = "image/jpeg", Buffer = TestImages.Jpeg(1200, 800) });
        await dialog.Locator("#picker-upload-submit").ClickAsync();

        // No description was given at upload: the picker asks for one before anything reaches the text.
        await dialog.GetByLabel("Description of sunset.jpg").FillAsync("The sun going down behind the pier");
        await dialog.Locator("#picker-finish").ClickAsync();

        await Assertions.Expect(dialog).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#Input_Body")).ToHaveValueAsync("Before.\n\n![The sun going down behind the pier](/media/1/1200.jpg)\n\nAfter.");
        Assert.Equal("The sun going down behind the pier", await app.WithDbAsync((db, _) => db.MediaItems.Select(m => m.AltText).SingleAsync()));
        await Assertions.Expect(page.Locator("#preview-body img")).ToHaveAttributeAsync("width", "1200");
        Assert.Equal("pick-insert", await page.EvaluateAsync<string>("document.activeElement.id")); // focus back on the opener
    }

    [Fact]
    public async Task A_gallery_is_chosen_several_photos_at_once_and_a_cover_from_the_same_picker()
    {
        var first = await AddPhotoAsync("one.jpg", TestImages.Jpeg(1200, 800), "Boats");
        var second = await AddPhotoAsync("two.jpg", TestImages.Jpeg(800, 1200));
        var page = await SignInAtNewPostAsync();

        await page.ClickAsync("#pick-gallery");
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.Locator($"label[for=pick-{first}]").ClickAsync();
        await dialog.Locator($"label[for=pick-{second}]").ClickAsync();
        await dialog.Locator("#picker-next").ClickAsync();
        Assert.True(await dialog.GetByLabel("Description of two.jpg").EvaluateAsync<bool>("input => input.required")); // the second has none yet
        Assert.Equal(0, await dialog.GetByLabel("Description of one.jpg").CountAsync());
        await dialog.GetByLabel("Description of two.jpg").FillAsync("A net drying");
        await dialog.Locator("#picker-finish").ClickAsync();
        // The editor sets a gallery apart as a paragraph of its own, with a blank line after it.
        await Assertions.Expect(page.Locator("#Input_Body")).ToHaveValueAsync($"![Boats](/media/{first}/1200.jpg)\n![A net drying](/media/{second}/800.jpg)\n\n");

        await page.ClickAsync("#pick-cover");
        await dialog.Locator($"label[for=pick-{second}]").ClickAsync();
        await dialog.Locator("#picker-next").ClickAsync();
        await dialog.Locator("#picker-finish").ClickAsync();
        await Assertions.Expect(page.Locator("#Input_CoverMediaId")).ToHaveValueAsync(second.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("#Input_CoverImageUrl")).ToHaveValueAsync($"/media/{second}/800.jpg");
    }

    private async Task<IPage> SignInAtNewPostAsync(bool createOwner = true)
    {
        if (createOwner)
        {
            await app.CreateOwnerAsync();
        }

        var context = await browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(app.BaseAddress + "/admin/posts/new");
        await page.FillAsync("#Input_Email", OwnerSession.Email);
        await page.FillAsync("#Input_Password", OwnerSession.Password);
        await page.ClickAsync("#login-submit");
        await page.WaitForURLAsync("**/admin/posts/new");
        return page;
    }

    /// <summary>Adds a photo through the library's own pipeline, as an upload does.</summary>
    private Task<int> AddPhotoAsync(string name, byte[] bytes, string? alt = null) =>
        app.WithDbAsync(async (_, services) => (await services.GetRequiredService<Blog.Web.Media.MediaLibrary>().AddAsync(name, bytes, alt, default)).Item!.Id);
}
