using System.Net;
using Blog.Web.Markdown;
using Blog.Web.Media;
using Blog.Web.Posts;
using Blog.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Blog.Web.Tests.Media;

/// <summary>The picker and the library as pages, without JavaScript; and texts following what the library says.</summary>
public sealed class PhotoPickerPageTests : IDisposable
{
    private readonly BlogFactory app = new();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task Without_javascript_the_picker_asks_for_missing_descriptions_saves_them_and_gives_the_gallery_markdown()
    {
        var owner = await app.SignInAsOwnerAsync();
        var boats = await app.UploadPhotoAsync(owner, new UploadFile("boats.jpg", TestImages.Jpeg(1200, 800)), "Boats");
        var nets = await app.UploadPhotoAsync(owner, new UploadFile("nets.jpg", TestImages.Jpeg(800, 1200)));

        var grid = await owner.GetDocumentAsync("/admin/media/pick?for=gallery&return=/admin/posts/new");
        Assert.Equal(2, grid.QuerySelectorAll("#picker-choose input[type=checkbox][name=id]").Length);
        Assert.NotNull(grid.QuerySelector("#picker-upload input[type=file]"));

        var step = $"/admin/media/pick?for=gallery&return=%2Fadmin%2Fposts%2Fnew&id={boats}&id={nets}";
        var refused = await owner.SubmitFormAsync(step, new Dictionary<string, string>(), formSelector: "#picker-describe");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Describe “nets.jpg”", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var done = await owner.SubmitFormAsync(step, new Dictionary<string, string> { ["Descriptions[0].AltText"] = "Nets drying" }, formSelector: "#picker-describe");
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var result = Html.Parse(await done.Content.ReadAsStringAsync());
        Assert.Equal($"![Boats](/media/{boats}/1200.jpg)\n![Nets drying](/media/{nets}/800.jpg)", result.QuerySelector("#picker-result-text")!.TextContent.Trim());
        Assert.Equal("Nets drying", await app.WithDbAsync((db, _) => db.MediaItems.Where(m => m.Id == nets).Select(m => m.AltText).SingleAsync()));
    }

    [Fact]
    public async Task The_picker_answers_json_to_the_dialog_and_refuses_unknown_photos_and_foreign_return_addresses()
    {
        var owner = await app.SignInAsOwnerAsync();
        var boats = await app.UploadPhotoAsync(owner, new UploadFile("boats.jpg", TestImages.Jpeg(1200, 800)), "Boats");

        Assert.Equal(HttpStatusCode.BadRequest, (await owner.GetAsync("/admin/media/pick?for=insert&id=999")).StatusCode);
        var page = await owner.GetDocumentAsync($"/admin/media/pick?for=cover&return=https%3A%2F%2Fevil.example%2F&id={boats}");
        Assert.Null(page.QuerySelector(".media-picker__back"));

        var token = page.QuerySelector("#picker-describe input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/admin/media/pick?for=cover&id={boats}")
        {
            Content = new FormUrlEncodedContent([new("__RequestVerificationToken", token)]),
        };
        request.Headers.Accept.ParseAdd("application/json");
        var response = await owner.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($$$"""{"cover":{"id":{{{boats}}},"url":"/media/{{{boats}}}/1200.jpg","alt":"Boats"}}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_library_searches_names_and_descriptions_filters_photos_without_one_and_sorts()
    {
        var owner = await app.SignInAsOwnerAsync();
        await app.UploadPhotoAsync(owner, new UploadFile("harbour.jpg", TestImages.Jpeg(600, 400)), "Boats at dawn");
        await app.UploadPhotoAsync(owner, new UploadFile("cliffs.jpg", TestImages.Jpeg(900, 400)));
        await app.UploadPhotoAsync(owner, new UploadFile("portrait.jpg", TestImages.Jpeg(400, 600)), "Anna on the pier");

        Assert.Equal(["harbour.jpg"], (await owner.GetDocumentAsync("/admin/media?q=dawn")).Texts(".media-card__name"));
        Assert.Equal(["portrait.jpg"], (await owner.GetDocumentAsync("/admin/media?q=PIER+anna")).Texts(".media-card__name"));
        Assert.Equal(["cliffs.jpg"], (await owner.GetDocumentAsync("/admin/media?missing=true")).Texts(".media-card__name"));
        Assert.Equal(["cliffs.jpg", "harbour.jpg", "portrait.jpg"], (await owner.GetDocumentAsync("/admin/media?sort=name")).Texts(".media-card__name"));
        Assert.Equal(["No photos match."], (await owner.GetDocumentAsync("/admin/media?q=%25_%5C")).Texts("#no-photos"));
        var library = await owner.GetDocumentAsync("/admin/media");
        Assert.Null(library.QuerySelector("[style]")); // nothing the CSP would refuse
    }

    [Fact]
    public async Task A_caption_or_focal_point_saved_in_the_library_and_the_camera_setting_reach_the_posts_at_once()
    {
        var owner = await app.SignInAsOwnerAsync();
        var id = await app.UploadPhotoAsync(owner, new UploadFile("harbour.jpg", TestImages.Jpeg(1200, 800)), "Boats");
        await app.WithDbAsync(db => db.MediaItems.Where(m => m.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Camera.Camera, "X100V").SetProperty(m => m.Camera.FocalLength, 23).SetProperty(m => m.Camera.Iso, 400)));
        await app.WithDbAsync(async (db, services) =>
        {
            var body = $"Text.\n\n![](/media/{id}/1200.jpg)";
            var post = new Post("Harbour", "harbour", app.UtcNow);
            post.SetBody(body, services.GetRequiredService<MarkdownRenderer>(), app.UtcNow, await db.LoadLibraryImagesAsync(default, body));
            post.SetCover($"/media/{id}/1200.jpg", "Boats", new ResponsiveImage(id, 1200, 800, "Boats"));
            post.Publish(app.UtcNow);
            db.Posts.Add(post);
            await db.SaveChangesAsync();
            return post;
        });
        Assert.Null((await app.CreateReader().GetDocumentAsync("/blog/harbour")).QuerySelector(".post__body figcaption"));

        var saved = await owner.SubmitFormAsync($"/admin/media/{id}", new Dictionary<string, string>
        {
            ["Input.Caption"] = "The harbour at noon",
            ["Input.FocusX"] = "20",
            ["Input.FocusY"] = "75",
        }, formSelector: "#media-form");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var post = await app.CreateReader().GetDocumentAsync("/blog/harbour");
        Assert.Equal("The harbour at noon", post.Text(".post__body figcaption"));
        Assert.Contains("focus-x-20", post.QuerySelector(".post__cover img")!.ClassList);
        Assert.Contains("focus-y-75", post.QuerySelector(".post__cover img")!.ClassList);
        Assert.Null(post.QuerySelector(".photo__camera")); // off by default

        var settings = await owner.SubmitFormAsync("/admin/settings", new Dictionary<string, string> { ["Input.ShowCameraDetails"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, settings.StatusCode);
        Assert.Equal("X100V · 23 mm · ISO 400", (await app.CreateReader().GetDocumentAsync("/blog/harbour")).Text(".photo__camera"));
        var edit = await owner.GetDocumentAsync($"/admin/media/{id}");
        Assert.Equal("X100V · 23 mm · ISO 400", edit.Text("#camera-details"));

        var refused = await owner.SubmitFormAsync($"/admin/media/{id}", new Dictionary<string, string> { ["Input.FocusX"] = "140" }, formSelector: "#media-form");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("from 0 to 100", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
