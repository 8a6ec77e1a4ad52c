using Blog.Web.Tests.Infrastructure;
using Blog.Web.Tests.Media;
using Microsoft.Playwright;

namespace Blog.Web.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class MediaEditorTests(BrowserFixture browser) : IDisposable
{
    private readonly KestrelBlogFactory app = new();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task The_insert_image_button_uploads_a_photo_and_puts_its_markdown_at_the_cursor()
    {
        await app.CreateOwnerAsync();
        await using var context = await browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(app.BaseAddress + "/admin/posts/new");
        await page.FillAsync("#Input_Email", OwnerSession.Email);
        await page.FillAsync("#Input_Password", OwnerSession.Password);
        await page.ClickAsync("#login-submit");
        await page.WaitForURLAsync("**/admin/posts/new");

        await page.Editor().FillAsync("Before.\n\nAfter.");
        await page.EvaluateAsync("() => window.blogEditor.dispatch({ selection: { anchor: 8 } })"); // the empty line

        var chooser = await page.RunAndWaitForFileChooserAsync(() => page.ClickAsync("#insert-image"));
        await chooser.SetFilesAsync(new FilePayload { Name = "sunset.jpg", MimeType = "image/jpeg", Buffer = TestImages.Jpeg(1200, 800) });

        await Assertions.Expect(page.Locator("#Input_Body")).ToHaveValueAsync("Before.\n\n![Describe the photo](/media/1/1200.jpg)\n\nAfter.");
        await Assertions.Expect(page.Locator("#image-upload-status")).ToContainTextAsync("Inserted sunset.jpg");
        await Assertions.Expect(page.Locator("#preview-body picture img")).ToHaveAttributeAsync("width", "1200");
    }
}
