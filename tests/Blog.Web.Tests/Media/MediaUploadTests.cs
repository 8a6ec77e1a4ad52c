using System.Net;
using System.Text.Json;
using Blog.Web.Tests.Infrastructure;
using Blog.Web.Media;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace Blog.Web.Tests.Media;

public class MediaUploadTests : IDisposable
{
    private readonly BlogFactory app;

    public MediaUploadTests()
        : this(new BlogFactory())
    {
    }

    /// <summary>The same tests on another provider (MediaUploadTestsOnPostgreSql).</summary>
    protected MediaUploadTests(BlogFactory app) => this.app = app;

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            app.Dispose();
        }
    }

    [Fact]
    public async Task A_camera_jpeg_turned_by_exif_is_stored_upright_in_every_width_as_webp_and_jpeg()
    {
        var owner = await app.SignInAsOwnerAsync();
        // Landscape pixels, and a camera that says "rotate 90° clockwise to view": the photo is portrait.
        var id = await app.UploadPhotoAsync(owner, new UploadFile("IMG_0001.JPG", TestImages.Jpeg(2400, 1600, orientation: 6, withGps: true)), "A red roof");

        var urls = await app.VariantUrlsAsync(id);
        Assert.Equal(
            ["/media/1/1600.jpg", "/media/1/1600.webp", "/media/1/480.jpg", "/media/1/480.webp", "/media/1/960.jpg", "/media/1/960.webp", "/media/1/original.jpg"],
            urls.Order(StringComparer.Ordinal));
        foreach (var (width, extension, type) in new[] { (480, "webp", "image/webp"), (960, "jpg", "image/jpeg"), (1600, "webp", "image/webp") })
        {
            var response = await app.CreateReader().GetAsync($"/media/{id}/{width}.{extension}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(type, response.Content.Headers.ContentType!.MediaType);
            using var bitmap = SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
            Assert.Equal((width, width * 3 / 2), (bitmap.Width, bitmap.Height));

            // The camera's top (red) is now on the right, as orientation 6 says.
            Assert.True(bitmap.GetPixel(bitmap.Width * 3 / 4, bitmap.Height / 2).Red > 200, "the right half should be red");
            Assert.True(bitmap.GetPixel(bitmap.Width / 4, bitmap.Height / 2).Blue > 200, "the left half should be blue");
        }
    }

    [Fact]
    public async Task Location_data_is_in_no_served_file_not_even_the_original_download()
    {
        var owner = await app.SignInAsOwnerAsync();
        var upload = TestImages.Jpeg(1200, 800, orientation: 6, withGps: true);
        Assert.True(TestImages.Contains(upload, TestImages.GpsLatitude)); // the test file does carry a location
        var id = await app.UploadPhotoAsync(owner, new UploadFile("beach.jpg", upload));

        foreach (var url in await app.VariantUrlsAsync(id))
        {
            var bytes = await app.CreateReader().GetByteArrayAsync(url);
            Assert.False(TestImages.Contains(bytes, TestImages.GpsLatitude), $"{url} carries the latitude");
            Assert.False(TestImages.Contains(bytes, TestImages.GpsPointerEntry), $"{url} carries a GPS block");
        }

        // The original keeps its pixels byte for byte, and still says which way is up.
        var original = await app.CreateReader().GetByteArrayAsync($"/media/{id}/original.jpg");
        using var codec = SKCodec.Create(new MemoryStream(original));
        Assert.Equal((SKEncodedOrigin.RightTop, 1200, 800), (codec.EncodedOrigin, codec.Info.Width, codec.Info.Height));
        Assert.True(original.AsSpan().EndsWith(upload.AsSpan(upload.Length - 4096)), "the image data should be untouched");
    }

    [Fact]
    public async Task A_png_is_accepted_and_no_variant_is_wider_than_the_picture()
    {
        var owner = await app.SignInAsOwnerAsync();
        var id = await app.UploadPhotoAsync(owner, new UploadFile("diagram.png", TestImages.Png(700, 500), "image/png"));

        var urls = await app.VariantUrlsAsync(id);
        Assert.Equal(["/media/1/480.jpg", "/media/1/480.webp", "/media/1/700.jpg", "/media/1/700.webp", "/media/1/original.png"], urls.Order(StringComparer.Ordinal));
        var original = await app.CreateReader().GetAsync($"/media/{id}/original.png");
        Assert.Equal("image/png", original.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("holiday.jpg", "text")]
    [InlineData("logo.svg", "svg")]
    public async Task A_file_that_is_not_a_raster_image_is_refused_whatever_its_name_and_nothing_is_stored(string name, string kind)
    {
        var owner = await app.SignInAsOwnerAsync();
        var bytes = kind == "svg" ? TestImages.Svg() : "Just some text pretending to be a photo."u8.ToArray();

        var response = await owner.UploadAsync("alt", new UploadFile(name, bytes, kind == "svg" ? "image/svg+xml" : "image/jpeg"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains($"“{name}” is not a photo the blog can use: upload a JPEG, PNG, WebP or GIF image", page.Text("#upload-errors"), StringComparison.Ordinal);
        Assert.Equal((0, 0, 0), await app.CountStoredAsync());
    }

    [Fact]
    public async Task A_photo_cut_short_or_no_file_at_all_is_refused_with_a_message()
    {
        var owner = await app.SignInAsOwnerAsync();
        var photo = TestImages.Jpeg(1200, 800);

        var cut = await owner.UploadAsync(null, new UploadFile("cut.jpg", photo[..(photo.Length / 2)]));
        var none = await owner.UploadAsync(null);

        Assert.Equal(HttpStatusCode.BadRequest, cut.StatusCode);
        Assert.Contains("“cut.jpg” is incomplete", Html.Parse(await cut.Content.ReadAsStringAsync()).Text("#upload-errors"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Contains("Choose one or more photos", Html.Parse(await none.Content.ReadAsStringAsync()).Text("#upload-errors"), StringComparison.Ordinal);
        Assert.Equal((0, 0, 0), await app.CountStoredAsync());
    }

    [Fact]
    public async Task A_picture_too_large_in_pixels_is_refused_from_its_header_before_decoding()
    {
        var owner = await app.SignInAsOwnerAsync();
        var bomb = TestImages.HugePng();
        Assert.True(bomb.Length < 100);

        var response = await owner.UploadAsync(null, new UploadFile("bomb.png", bomb, "image/png"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = Html.Parse(await response.Content.ReadAsStringAsync()).Text("#upload-errors");
        Assert.Contains("50,000 × 50,000 pixels", errors, StringComparison.Ordinal);
        Assert.Contains("100 megapixels", errors, StringComparison.Ordinal);
        Assert.Equal((0, 0, 0), await app.CountStoredAsync());
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_with_the_limit_named()
    {
        using var small = new BlogFactory { ExtraServices = services => services.Configure<MediaOptions>(o => o.MaxUploadBytes = 100_000) };
        var owner = await small.SignInAsOwnerAsync();

        var response = await owner.UploadAsync(null, new UploadFile("huge.jpg", TestImages.Jpeg(1000, 700).Concat(new byte[120_000]).ToArray()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal((0, 0, 0), await small.CountStoredAsync());
        Assert.Contains("the largest file accepted is 97 KB", Html.Parse(await response.Content.ReadAsStringAsync()).Text("#upload-errors"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_refused_file_costs_neither_the_good_ones_nor_leaves_anything_half_stored()
    {
        var owner = await app.SignInAsOwnerAsync();

        var response = await owner.UploadAsync(
            "Harbour",
            new UploadFile("harbour.jpg", TestImages.Jpeg(800, 600)),
            new UploadFile("notes.png", "not a png"u8.ToArray(), "image/png"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("“harbour.jpg”", page.Text("#upload-partial"), StringComparison.Ordinal);
        Assert.Contains("“notes.png” is not a photo", page.Text("#upload-errors"), StringComparison.Ordinal);
        var (items, variants, blobs) = await app.CountStoredAsync();
        Assert.Equal((1, 6), (items, variants)); // source, original, 480 and 800 in two formats
        Assert.Equal(5, blobs); // the original is streamed from the source, not stored twice
    }

    [Fact]
    public async Task The_script_upload_answers_the_markdown_to_insert_or_the_reason_for_refusing()
    {
        var owner = await app.SignInAsOwnerAsync();
        var token = (await owner.GetDocumentAsync("/admin/media")).QuerySelector("#upload-form input[name=__RequestVerificationToken]")!.GetAttribute("value");

        using var good = MediaClient.Multipart(token, [("file", new UploadFile("dunes.jpg", TestImages.Jpeg(1000, 500)))]);
        good.Add(new StringContent("Dunes at dusk"), "altText");
        var created = await owner.PostAsync("/admin/media?handler=upload", good);
        using var bad = MediaClient.Multipart(token, [("file", new UploadFile("dunes.gif", TestImages.Svg(), "image/gif"))]);
        var refused = await owner.PostAsync("/admin/media?handler=upload", bad);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var json = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        Assert.Equal("![Dunes at dusk](/media/1/1000.jpg)", json.RootElement.GetProperty("markdown").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("is not a photo", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Uploads_need_the_owner_and_an_antiforgery_token()
    {
        await app.CreateOwnerAsync();
        var file = new UploadFile("a.jpg", TestImages.Jpeg(600, 400));
        using var anonymousUpload = MediaClient.Multipart(null, [("file", file)]);
        var anonymous = await app.CreateReader().PostAsync("/admin/media?handler=upload", anonymousUpload);

        var owner = await app.SignInAsOwnerAsync(createOwner: false);
        using var tokenless = MediaClient.Multipart(null, [("file", file)]);
        var withoutToken = await owner.PostAsync("/admin/media?handler=upload", tokenless);

        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/admin/account/login", anonymous.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        Assert.Equal((0, 0, 0), await app.CountStoredAsync());
    }
}

/// <summary>The same tests on PostgreSQL.</summary>
public sealed class MediaUploadTestsOnPostgreSql() : MediaUploadTests(new PostgresBlogFactory());
