using System.Net;
using Blog.Web.Tests.Infrastructure;

namespace Blog.Web.Tests.Media;

public sealed class MediaLibraryPageTests : IDisposable
{
    private readonly BlogFactory app = new();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task The_library_lists_photos_newest_first_with_their_details_and_flags_a_missing_description()
    {
        var owner = await app.SignInAsOwnerAsync();
        await app.UploadPhotoAsync(owner, new UploadFile("first.jpg", TestImages.Jpeg(800, 600)), "Gulls on the wall");
        await app.UploadPhotoAsync(owner, new UploadFile("second.png", TestImages.Png(500, 500), "image/png"));

        var page = await owner.GetDocumentAsync("/admin/media");

        Assert.Equal(["second.png", "first.jpg"], page.Texts("#media-grid .media-card__name"));
        Assert.NotNull(page.QuerySelector("#media-2 .media-card__missing"));
        Assert.Null(page.QuerySelector("#media-1 .media-card__missing"));
        Assert.Contains("800 × 600", page.Text("#media-1"), StringComparison.Ordinal);
        Assert.Equal("![Gulls on the wall](/media/1/800.jpg)", page.QuerySelector("#markdown-1")!.GetAttribute("value"));
        Assert.Equal("/media/1/480.webp", page.QuerySelector("#media-1 img")!.GetAttribute("src"));
    }

    [Fact]
    public async Task A_photo_page_saves_its_description_and_caption()
    {
        var owner = await app.SignInAsOwnerAsync();
        var id = await app.UploadPhotoAsync(owner, new UploadFile("roof.jpg", TestImages.Jpeg(800, 600)));
        Assert.NotNull((await owner.GetDocumentAsync($"/admin/media/{id}")).QuerySelector("#alt-missing"));

        var saved = await owner.SubmitFormAsync($"/admin/media/{id}", new Dictionary<string, string>
        {
            ["Input.AltText"] = "A red tiled roof",
            ["Input.Caption"] = "Porto, spring",
        }, formSelector: "#media-form");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = await owner.GetDocumentAsync($"/admin/media/{id}");
        Assert.Null(page.QuerySelector("#alt-missing"));
        Assert.Equal("A red tiled roof", page.QuerySelector("#Input_AltText")!.GetAttribute("value"));
        Assert.Equal("Porto, spring", page.Text("#Input_Caption"));
        Assert.Contains("Saved", page.Text("#status-message"), StringComparison.Ordinal);

        var tooLong = await owner.SubmitFormAsync($"/admin/media/{id}", new Dictionary<string, string> { ["Input.AltText"] = new string('x', 501) }, formSelector: "#media-form");
        Assert.Equal(HttpStatusCode.OK, tooLong.StatusCode);
        Assert.NotEmpty(Html.Parse(await tooLong.Content.ReadAsStringAsync()).Text("[data-valmsg-for='Input.AltText']"));
    }

    [Fact]
    public async Task Deleting_a_photo_a_post_uses_warns_first_then_removes_it_with_every_variant()
    {
        var owner = await app.SignInAsOwnerAsync();
        var id = await app.UploadPhotoAsync(owner, new UploadFile("roof.jpg", TestImages.Jpeg(800, 600)));
        await app.AddPostAsync("Rooftops of Porto", body: $"Look:\n\n![Roof](/media/{id}/800.jpg)");
        var unused = await app.UploadPhotoAsync(owner, new UploadFile("spare.jpg", TestImages.Jpeg(600, 400)));

        var confirm = await owner.GetDocumentAsync($"/admin/media/{id}/delete");
        Assert.Contains("Rooftops of Porto", confirm.Text("#usage-warning"), StringComparison.Ordinal);
        Assert.Contains("Rooftops of Porto", (await owner.GetDocumentAsync($"/admin/media/{id}")).Text("#media-uses"), StringComparison.Ordinal);
        Assert.NotNull((await owner.GetDocumentAsync($"/admin/media/{unused}/delete")).QuerySelector("#no-usage"));

        var deleted = await owner.SubmitFormAsync(confirm, $"/admin/media/{id}/delete", new Dictionary<string, string>(), formSelector: "#delete-form");

        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal("/admin/media", deleted.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateReader().GetAsync($"/media/{id}/480.webp")).StatusCode);
        var (items, variants, blobs) = await app.CountStoredAsync();
        Assert.Equal((1, 6, 5), (items, variants, blobs)); // only the spare photo is left
        Assert.Contains("Deleted “roof.jpg”", (await owner.GetDocumentAsync("/admin/media")).Text("#status-message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_post_with_a_library_photo_and_cover_gives_readers_pictures_to_choose_widths_from()
    {
        var owner = await app.SignInAsOwnerAsync();
        var id = await app.UploadPhotoAsync(owner, new UploadFile("harbour.jpg", TestImages.Jpeg(3000, 2000)), "The harbour at noon");

        var saved = await owner.SubmitFormAsync("/admin/posts/new", new Dictionary<string, string>
        {
            ["Input.Title"] = "Harbour days",
            ["Input.Body"] = $"Morning.\n\n![Boats](/media/{id}/1600.jpg)",
            ["Input.CoverMediaId"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, formSelector: "#content-editor", submitSelector: "#publish-submit");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var post = await app.CreateReader().GetDocumentAsync("/blog/harbour-days");
        var cover = post.QuerySelector(".post__cover picture img")!;
        Assert.Equal(("/media/1/1600.jpg", "The harbour at noon", "high"), (cover.GetAttribute("src"), cover.GetAttribute("alt"), cover.GetAttribute("fetchpriority")));
        Assert.Contains("/media/1/2400.webp 2400w", post.QuerySelector(".post__cover source")!.GetAttribute("srcset"), StringComparison.Ordinal);
        var body = post.QuerySelector(".post__body picture img")!;
        Assert.Equal(("1600", "1067", "Boats"), (body.GetAttribute("width"), body.GetAttribute("height"), body.GetAttribute("alt")));

        Assert.Equal("http://localhost/media/1/1600.jpg", Assert.Single(post.QuerySelectorAll("meta[property='og:image']")).GetAttribute("content"));
        Assert.Equal("1600", post.QuerySelector("meta[property='og:image:width']")!.GetAttribute("content"));
        Assert.Equal("1067", post.QuerySelector("meta[property='og:image:height']")!.GetAttribute("content"));

        var home = await app.CreateReader().GetDocumentAsync("/");
        var card = home.QuerySelector(".post-card__cover picture img")!;
        Assert.Equal("lazy", card.GetAttribute("loading"));
        Assert.Contains("/media/1/480.jpg 480w", card.GetAttribute("srcset"), StringComparison.Ordinal);

        // The editor shows the chosen cover again.
        var editor = await owner.GetDocumentAsync("/admin/posts/1");
        Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), editor.QuerySelector("#Input_CoverMediaId option[selected]")!.GetAttribute("value"));
    }
}
