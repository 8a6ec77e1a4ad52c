using System.Text.RegularExpressions;

namespace Blog.Web.Portability.Import;

/// <summary>
/// Brings an imported item's images home: each one is downloaded and handed to the <see cref="IImportedImageStore"/>,
/// and the Markdown is rewritten to the new address. An image that cannot be fetched (or, while no store exists, every
/// image) keeps its original address and is listed in the report.
/// </summary>
public sealed partial class ImageImporter(
    IImportedImageStore? store, ImageDownloader downloader, ImportReport report, IReadOnlyDictionary<int, BundledImage>? bundled = null)
{
    private readonly Dictionary<string, string?> done = new(StringComparer.Ordinal);

    public int Failed { get; private set; }

    public async Task<string> RewriteAsync(string markdown, string itemTitle, CancellationToken cancellationToken)
    {
        var urls = ImageUrls(markdown).Distinct(StringComparer.Ordinal).ToList();
        foreach (var url in urls)
        {
            if (await StoreAsync(url, itemTitle, cancellationToken) is { } replacement)
            {
                markdown = markdown.Replace(url, replacement, StringComparison.Ordinal);
            }
        }

        return markdown;
    }

    /// <summary>The new address of one image (a cover image), or null to keep the original.</summary>
    public async Task<string?> StoreAsync(string url, string itemTitle, CancellationToken cancellationToken)
    {
        if (Media.ResponsiveImage.TryParseId(url, out var libraryId) && bundled?.GetValueOrDefault(libraryId) is { } photo)
        {
            return await StoreBundledAsync(url, libraryId, photo, itemTitle, cancellationToken);
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return null; // relative and data: addresses are left as they are
        }

        if (done.TryGetValue(url, out var known))
        {
            return known;
        }

        done[url] = null;
        if (store is null)
        {
            report.Images.Add(new ImageProblem(url, "kept at its original address: the blog has no media library to keep it in yet", itemTitle));
            return null;
        }

        var (image, error) = await downloader.DownloadAsync(url, cancellationToken);
        if (image is null)
        {
            Failed++;
            report.Images.Add(new ImageProblem(url, $"kept at its original address: {error}", itemTitle));
            return null;
        }

        await using (image.Content)
        {
            return done[url] = await store.StoreAsync(image.Content, image.FileName, null, cancellationToken);
        }
    }

    /// <summary>A photo our own export carried: stored once, and every address of it (any width) points at the new one.</summary>
    private async Task<string?> StoreBundledAsync(string url, int libraryId, BundledImage photo, string itemTitle, CancellationToken cancellationToken)
    {
        var key = $"bundled:{libraryId}";
        if (!done.TryGetValue(key, out var stored))
        {
            stored = store is null || photo.Length > BundledMedia.MaxImageBytes ? null : await StoreAsync(photo, cancellationToken);
            done[key] = stored;
            if (stored is null)
            {
                Failed++;
                report.Images.Add(new ImageProblem(url, "kept at its original address: the photo in the zip could not be stored", itemTitle));
            }
        }

        return stored;
    }

    /// <summary>The photo read from the zip into one array of its declared size (the store takes it without copying).</summary>
    private async Task<string?> StoreAsync(BundledImage photo, CancellationToken cancellationToken)
    {
        var bytes = new byte[photo.Length];
        await using (var content = photo.Open())
        {
            await content.ReadExactlyAsync(bytes, cancellationToken);
            if (content.ReadByte() >= 0)
            {
                return null; // more than the zip declared: a damaged or hostile entry
            }
        }

        using var whole = new MemoryStream(bytes, 0, bytes.Length, writable: false, publiclyVisible: true);
        return await store!.StoreAsync(whole, photo.FileName, null, cancellationToken);
    }

    internal static IEnumerable<string> ImageUrls(string markdown) =>
        MarkdownImage().Matches(markdown).Concat(HtmlImage().Matches(markdown)).Select(m => m.Groups["url"].Value);

    [GeneratedRegex(@"!\[[^\]]*\]\((?<url>[^)\s]+)")]
    private static partial Regex MarkdownImage();

    [GeneratedRegex(@"<img\b[^>]*?\bsrc\s*=\s*[""'](?<url>[^""']+)[""']", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlImage();
}
