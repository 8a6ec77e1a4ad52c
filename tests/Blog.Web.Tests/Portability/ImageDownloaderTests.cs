using System.Net;
using Blog.Web.Portability.Import;

namespace Blog.Web.Tests.Portability;

/// <summary>The downloader's guard rails, against a real server on loopback.</summary>
public sealed class ImageDownloaderTests : IDisposable
{
    private readonly ImageServer server = new();

    public void Dispose() => server.Dispose();

    [Fact]
    public async Task With_private_addresses_allowed_an_image_on_loopback_downloads()
    {
        using var downloader = new ImageDownloader(new ImageDownloadLimits(AllowPrivateAddresses: true));

        var (image, error) = await downloader.DownloadAsync(server.BaseUrl + "photos/ridge.png", CancellationToken.None);

        Assert.Null(error);
        Assert.Equal("ridge.png", image!.FileName);
        Assert.Equal(ImageServer.Png, image.Content.ToArray());
    }

    [Fact]
    public async Task Without_the_switch_loopback_is_refused_before_any_request_reaches_it()
    {
        using var downloader = new ImageDownloader(new ImageDownloadLimits());

        var (image, error) = await downloader.DownloadAsync(server.BaseUrl + "ridge.png", CancellationToken.None);
        var byName = await downloader.DownloadAsync(server.BaseUrl.Replace("127.0.0.1", "localhost", StringComparison.Ordinal) + "ridge.png", CancellationToken.None);

        Assert.Null(image);
        Assert.Contains("private or local address", error, StringComparison.Ordinal);
        Assert.Contains("private or local address", byName.Error, StringComparison.Ordinal);
        Assert.Equal(0, server.Requests);
    }

    [Theory]
    [InlineData("huge.png", "larger than")]
    [InlineData("page.html", "not an image")]
    [InlineData("missing.png", "answered 404")]
    public async Task Oversized_non_image_and_missing_downloads_are_refused_with_a_reason(string path, string reason)
    {
        using var downloader = new ImageDownloader(new ImageDownloadLimits(MaxBytes: 100_000, AllowPrivateAddresses: true));

        var (image, error) = await downloader.DownloadAsync(server.BaseUrl + path, CancellationToken.None);

        Assert.Null(image);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_http_addresses_and_only_so_many_images_are_fetched()
    {
        using var downloader = new ImageDownloader(new ImageDownloadLimits(MaxCount: 1, AllowPrivateAddresses: true));

        var file = await downloader.DownloadAsync("file:///etc/passwd", CancellationToken.None);
        await downloader.DownloadAsync(server.BaseUrl + "one.png", CancellationToken.None);
        var second = await downloader.DownloadAsync(server.BaseUrl + "two.png", CancellationToken.None);

        Assert.Contains("only http", file.Error, StringComparison.Ordinal);
        Assert.Contains("limit of 1", second.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("10.1.2.3", true)]
    [InlineData("172.20.0.1", true)]
    [InlineData("192.168.1.1", true)]
    [InlineData("169.254.169.254", true)]
    [InlineData("::1", true)]
    [InlineData("fd00::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("93.184.216.34", false)]
    [InlineData("2606:2800:220:1:248:1893:25c8:1946", false)]
    public void Private_addresses_are_recognised(string address, bool isPrivate) =>
        Assert.Equal(isPrivate, ImageDownloader.IsPrivate(IPAddress.Parse(address)));
}
