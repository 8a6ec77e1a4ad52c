using System.IO.Compression;

namespace Blog.Web.Caching;

/// <summary>Which compression a reader accepts, and the compressing itself, done once per cached page and encoding.</summary>
internal static class ContentCoding
{
    public const string BrotliName = "br";

    public const string GzipName = "gzip";

    /// <summary>Brotli's quality 5 and a 4 MB window: near its best ratio for HTML at a few milliseconds per page, paid once.</summary>
    private const int BrotliQuality = 5;

    private const int BrotliWindow = 22;

    /// <summary>The text the site sends: compressed by the page cache, and by response compression for what it does not keep.</summary>
    public static readonly string[] CompressibleTypes =
    [
        "text/html", "text/css", "text/plain", "text/xml", "application/xml", "application/rss+xml", "application/atom+xml",
        "application/json", "application/ld+json", "text/javascript", "application/javascript", "image/svg+xml",
    ];

    private static readonly HashSet<string> Compressible = new(CompressibleTypes, StringComparer.OrdinalIgnoreCase);

    public enum Coding
    {
        Identity,
        Gzip,
        Brotli,
    }

    public static bool IsCompressible(string? contentType) => MediaTypeOf(contentType) is { } type && Compressible.Contains(type);

    /// <summary>A Content-Type without its parameters (<c>text/html</c> of <c>text/html; charset=utf-8</c>).</summary>
    public static string? MediaTypeOf(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return null;
        }

        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        return (semicolon < 0 ? contentType : contentType[..semicolon]).Trim();
    }

    public static string? NameOf(Coding coding) => coding switch
    {
        Coding.Brotli => BrotliName,
        Coding.Gzip => GzipName,
        _ => null,
    };

    /// <summary>The body in <paramref name="coding"/>, or the body itself when compressing would not make it smaller.</summary>
    public static byte[] Compress(Coding coding, byte[] body) => coding switch
    {
        Coding.Brotli => Brotli(body),
        Coding.Gzip => Gzip(body),
        _ => body,
    };

    /// <summary>Brotli where the reader takes it, else gzip, else none; a coding given <c>q=0</c> is refused.</summary>
    public static Coding Preferred(Microsoft.Extensions.Primitives.StringValues acceptEncoding)
    {
        bool brotli = false, gzip = false, any = false;
        foreach (var header in acceptEncoding)
        {
            var remaining = (header ?? "").AsSpan();
            while (remaining.Length > 0)
            {
                var comma = remaining.IndexOf(',');
                var item = (comma < 0 ? remaining : remaining[..comma]).Trim();
                remaining = comma < 0 ? default : remaining[(comma + 1)..];

                var semicolon = item.IndexOf(';');
                var name = (semicolon < 0 ? item : item[..semicolon]).Trim();
                var accepted = semicolon < 0 || !IsZeroQuality(item[(semicolon + 1)..]);
                if (name.Equals(BrotliName, StringComparison.OrdinalIgnoreCase))
                {
                    brotli = accepted;
                }
                else if (name.Equals(GzipName, StringComparison.OrdinalIgnoreCase))
                {
                    gzip = accepted;
                }
                else if (name is "*")
                {
                    any = accepted;
                }
            }
        }

        return brotli || any ? Coding.Brotli : gzip ? Coding.Gzip : Coding.Identity;
    }

    private static bool IsZeroQuality(ReadOnlySpan<char> parameters)
    {
        parameters = parameters.Trim();
        return parameters.StartsWith("q=", StringComparison.OrdinalIgnoreCase)
            && double.TryParse(parameters[2..], System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var q)
            && q == 0;
    }

    /// <summary>Larger bodies go out a slice at a time, so a slow reader holds a little of the server's memory, not the whole body.</summary>
    private const int SendSlice = 32 * 1024;

    public static Task SendAsync(HttpResponse response, byte[] body, CancellationToken cancellationToken) =>
        body.Length <= SendSlice ? response.Body.WriteAsync(body, cancellationToken).AsTask() : SendSlicesAsync(response, body, cancellationToken);

    private static async Task SendSlicesAsync(HttpResponse response, byte[] body, CancellationToken cancellationToken)
    {
        for (var offset = 0; offset < body.Length; offset += SendSlice)
        {
            await response.Body.WriteAsync(body.AsMemory(offset, Math.Min(SendSlice, body.Length - offset)), cancellationToken);
        }
    }

    /// <summary>The compressed bytes, or <paramref name="body"/> itself when compressing would not make it smaller.</summary>
    private static byte[] Brotli(byte[] body)
    {
        var output = new byte[BrotliEncoder.GetMaxCompressedLength(body.Length)];
        return BrotliEncoder.TryCompress(body, output, out var written, BrotliQuality, BrotliWindow) && written < body.Length
            ? output.AsSpan(0, written).ToArray()
            : body;
    }

    /// <inheritdoc cref="Brotli"/>
    private static byte[] Gzip(byte[] body)
    {
        using var output = new MemoryStream(body.Length / 3);
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(body);
        }

        return output.Length < body.Length ? output.ToArray() : body;
    }
}
