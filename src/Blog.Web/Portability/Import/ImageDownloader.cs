using System.Net;
using Blog.Web.Security;

namespace Blog.Web.Portability.Import;

/// <param name="AllowPrivateAddresses">Lets downloads reach loopback and private networks (an old blog on the author's LAN).</param>
public sealed record ImageDownloadLimits(
    long MaxBytes = 25 * 1024 * 1024, int MaxCount = 1000, bool AllowPrivateAddresses = false)
{
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);
}

public sealed record DownloadedImage(MemoryStream Content, string FileName);

/// <summary>
/// Fetches an imported post's images, bounded in size, time and number, and only from public web addresses: the
/// addresses a host name resolves to are checked at connect time (so DNS rebinding cannot slip through), which keeps
/// an import file from making the server probe its own admin, the loopback interface or the private network.
/// </summary>
public sealed class ImageDownloader : IDisposable
{
    private readonly HttpClient client;
    private readonly ImageDownloadLimits limits;
    private int started;

    public ImageDownloader(ImageDownloadLimits limits)
    {
        this.limits = limits;
        var handler = AddressGuard.CreateHandler(limits.AllowPrivateAddresses);
        client = new HttpClient(handler) { Timeout = limits.Timeout };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("Blog.Web-import/1.0");
    }

    /// <summary>Downloads one image, or says in words why it could not.</summary>
    public async Task<(DownloadedImage? Image, string? Error)> DownloadAsync(string url, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return (null, "only http and https addresses are downloaded");
        }

        if (uri.AbsolutePath.StartsWith(SitePaths.Admin.Root, StringComparison.OrdinalIgnoreCase))
        {
            return (null, "addresses under /admin are never fetched");
        }

        if (Interlocked.Increment(ref started) > limits.MaxCount)
        {
            return (null, $"the limit of {limits.MaxCount} images an import was reached");
        }

        try
        {
            using var response = await client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return (null, $"the server answered {(int)response.StatusCode}");
            }

            if (response.Content.Headers.ContentType?.MediaType is not { } type || !type.StartsWith("image/", StringComparison.OrdinalIgnoreCase))
            {
                return (null, "it is not an image");
            }

            if (response.Content.Headers.ContentLength > limits.MaxBytes)
            {
                return (null, $"it is larger than {limits.MaxBytes / 1024 / 1024} MB");
            }

            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            var content = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                content.Write(buffer, 0, read);
                if (content.Length > limits.MaxBytes)
                {
                    await content.DisposeAsync();
                    return (null, $"it is larger than {limits.MaxBytes / 1024 / 1024} MB");
                }
            }

            content.Position = 0;
            return (new DownloadedImage(content, FileNameOf(uri)), null);
        }
        catch (HttpRequestException e)
        {
            return (null, e.InnerException is RefusedAddressException refused ? refused.Message : $"it could not be fetched ({e.Message})");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"it took longer than {limits.Timeout.TotalSeconds:0} seconds");
        }
    }

    public static bool IsPrivate(IPAddress address) => AddressGuard.IsPrivate(address);

    public void Dispose() => client.Dispose();

    private static string FileNameOf(Uri uri)
    {
        var name = Path.GetFileName(Uri.UnescapeDataString(uri.AbsolutePath));
        var safe = new string([.. name.Where(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_')]);
        return safe.Trim('.').Length > 0 ? safe : "image";
    }
}
