using System.Security.Cryptography;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Blog.Web.Caching;

/// <summary>
/// One public page as the cache keeps it: the bytes the app rendered and their Brotli and gzip forms, compressed once,
/// the headers it was sent with, and a validator made from the bytes, so a revisit answers 304 for as long as the page
/// reads the same, across evictions and restarts.
/// </summary>
internal sealed class CachedPage
{
    /// <summary>Headers that belong to one response on the wire, not to the page.</summary>
    private static readonly HashSet<string> TransportHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        HeaderNames.ContentLength, HeaderNames.ContentEncoding, HeaderNames.TransferEncoding, HeaderNames.Date,
        HeaderNames.Server, HeaderNames.Age, HeaderNames.Vary, HeaderNames.SetCookie, HeaderNames.Connection,
    };

    private readonly KeyValuePair<string, StringValues>[] headers;
    private readonly byte[] identity;
    private readonly byte[] brotli;
    private readonly byte[] gzip;

    private CachedPage(
        string key, string epoch, IReadOnlyList<string> tags, byte[] body, bool compressible, KeyValuePair<string, StringValues>[] headers,
        string etag, DateTimeOffset? lastModified, long storedAt)
    {
        Key = key;
        Epoch = epoch;
        Tags = tags;
        identity = body;
        brotli = compressible ? ContentCoding.Compress(ContentCoding.Coding.Brotli, body) : body;
        gzip = compressible ? ContentCoding.Compress(ContentCoding.Coding.Gzip, body) : body;
        this.headers = headers;
        ETag = etag;
        LastModified = lastModified;
        StoredAt = storedAt;
        LastUsed = storedAt;
        Size = body.Length + Extra(brotli) + Extra(gzip) + (2 * key.Length) + headers.Sum(h => 2 * (h.Key.Length + h.Value.ToString().Length)) + 256;

        long Extra(byte[] variant) => ReferenceEquals(variant, body) ? 0 : variant.Length;
    }

    public string Key { get; }

    /// <summary>The publication epoch the page was rendered in: served only while it stands.</summary>
    public string Epoch { get; }

    public IReadOnlyList<string> Tags { get; }

    public string ETag { get; }

    public DateTimeOffset? LastModified { get; }

    /// <summary>Bytes held, the compressed copies included.</summary>
    public long Size { get; }

    /// <summary><see cref="Environment.TickCount64"/> when stored.</summary>
    public long StoredAt { get; }

    /// <summary><see cref="Environment.TickCount64"/> of the last hit: the least recently used go first when the cache is full.</summary>
    public long LastUsed { get; set; }

    /// <summary>The page the current response holds, with its validator and caching headers added to that response.</summary>
    public static CachedPage Capture(string key, string epoch, IReadOnlyList<string> tags, HttpResponse response, byte[] body)
    {
        var responseHeaders = response.Headers;
        if (string.IsNullOrEmpty(responseHeaders.ETag))
        {
            // Weak: the same validator stands for the plain and the compressed bytes.
            responseHeaders.ETag = $"W/\"{Convert.ToHexStringLower(SHA256.HashData(body).AsSpan(0, 12))}\"";
        }

        if (string.IsNullOrEmpty(responseHeaders.CacheControl))
        {
            // Browsers may keep a copy but ask again (cheaply, with the validator) before showing it.
            responseHeaders.CacheControl = "no-cache";
        }

        var kept = responseHeaders.Where(h => !TransportHeaders.Contains(h.Key)).ToArray();
        var lastModified = HeaderUtilities.TryParseDate(responseHeaders.LastModified.ToString(), out var date) ? date : (DateTimeOffset?)null;
        return new CachedPage(
            key, epoch, tags, body, ContentCoding.IsCompressible(response.ContentType), kept, responseHeaders.ETag.ToString(), lastModified, Environment.TickCount64);
    }

    /// <summary>A hit: the stored headers and bytes, or 304 when the reader's copy is current.</summary>
    public Task ServeStoredAsync(HttpContext context)
    {
        var response = context.Response;
        var responseHeaders = response.Headers;
        foreach (var (name, value) in headers)
        {
            responseHeaders[name] = value;
        }

        responseHeaders.Age = ((Environment.TickCount64 - StoredAt) / 1000).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return WriteAsync(context);
    }

    /// <summary>The request that rendered the page: its headers are already on the response.</summary>
    public Task ServeFreshAsync(HttpContext context) => WriteAsync(context);

    private Task WriteAsync(HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        response.Headers.Vary = HeaderNames.AcceptEncoding;
        if (ConditionalRequest.IsNotModified(request, ETag, LastModified))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            response.Headers.ContentType = default;
            response.Headers.LastModified = default;
            return Task.CompletedTask;
        }

        var (body, encoding) = Variant(ContentCoding.Preferred(request.Headers.AcceptEncoding));
        if (encoding is not null)
        {
            response.Headers.ContentEncoding = encoding;
        }

        response.ContentLength = body.Length;
        return HttpMethods.IsHead(request.Method) ? Task.CompletedTask : ContentCoding.SendAsync(response, body, context.RequestAborted);
    }

    private (byte[] Body, string? Encoding) Variant(ContentCoding.Coding coding)
    {
        var body = coding switch
        {
            ContentCoding.Coding.Brotli => brotli,
            ContentCoding.Coding.Gzip => gzip,
            _ => identity,
        };

        // A body too small to gain from compression is kept, and sent, as it is.
        return ReferenceEquals(body, identity) ? (identity, null) : (body, ContentCoding.NameOf(coding));
    }
}
