using System.Net;
using Blog.Web.Tests.Infrastructure;

namespace Blog.Web.Tests.Media;

public class MediaServingTests : IDisposable
{
    private readonly BlogFactory app;

    public MediaServingTests()
        : this(new BlogFactory())
    {
    }

    /// <summary>The same tests on another provider (MediaServingTestsOnPostgreSql).</summary>
    protected MediaServingTests(BlogFactory app) => this.app = app;

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
    public async Task A_variant_is_served_with_its_type_nosniff_a_strong_etag_and_a_year_of_immutable_cache()
    {
        var owner = await app.SignInAsOwnerAsync();
        var id = await app.UploadPhotoAsync(owner, new UploadFile("pier.jpg", TestImages.Jpeg(1000, 600)));
        var reader = app.CreateReader();

        var response = await reader.GetAsync($"/media/{id}/480.webp");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/webp", response.Content.Headers.ContentType!.ToString());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl!.ToString());
        var etag = response.Headers.ETag!;
        Assert.False(etag.IsWeak);
        Assert.Equal((await response.Content.ReadAsByteArrayAsync()).LongLength, response.Content.Headers.ContentLength);

        using var again = new HttpRequestMessage(HttpMethod.Get, $"/media/{id}/480.webp");
        again.Headers.IfNoneMatch.Add(etag);
        var notModified = await reader.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        // Another variant has its own tag.
        Assert.NotEqual(etag, (await reader.GetAsync($"/media/{id}/480.jpg")).Headers.ETag);
    }

    [Theory]
    [InlineData("/media/99/480.webp")] // no such photo
    [InlineData("/media/1/300.webp")] // no such width
    [InlineData("/media/1/480.png")] // no such format
    [InlineData("/media/1/source.jpg")] // the untouched upload is never served
    [InlineData("/media/1/..%2F..%2Fetc%2Fpasswd.jpg")]
    public async Task Anything_but_a_stored_variant_is_not_found(string url)
    {
        var owner = await app.SignInAsOwnerAsync();
        await app.UploadPhotoAsync(owner, new UploadFile("pier.jpg", TestImages.Jpeg(1000, 600)));

        var response = await app.CreateReader().GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_original_download_is_named_after_the_uploaded_file()
    {
        var owner = await app.SignInAsOwnerAsync();
        var id = await app.UploadPhotoAsync(owner, new UploadFile("Pier at dawn.jpg", TestImages.Jpeg(700, 500)));

        var response = await app.CreateReader().GetAsync($"/media/{id}/original.jpg");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("Pier at dawn.jpg", response.Content.Headers.ContentDisposition!.FileNameStar);
        Assert.Equal((await response.Content.ReadAsByteArrayAsync()).LongLength, response.Content.Headers.ContentLength);
    }
}

/// <summary>The same tests on PostgreSQL.</summary>
public sealed class MediaServingTestsOnPostgreSql() : MediaServingTests(new PostgresBlogFactory());
