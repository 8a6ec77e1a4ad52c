using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Blog.Web.Security;
using Microsoft.Extensions.Options;

namespace Blog.Web.Webmentions;

/// <summary>How a fetch of another site's page ended.</summary>
public enum FetchStatus
{
    /// <summary>A 2xx answer; the body was read when its type was one asked for.</summary>
    Ok,

    /// <summary>410 Gone: the page was deleted (a source that is gone takes its mention with it).</summary>
    Gone,

    /// <summary>A refusal that will not change by trying again: a private address, too large, a wrong type, a 4xx.</summary>
    Refused,

    /// <summary>A failure that may pass: a timeout, a network error, a 5xx.</summary>
    Failed,
}

/// <param name="Url">The address the answer came from, after redirects (relative links resolve against it).</param>
/// <param name="Links">The answer's <c>Link</c> header values.</param>
public sealed record FetchResult(FetchStatus Status, string Reason, Uri? Url = null, string? MediaType = null, string? Body = null, IReadOnlyList<string>? Links = null, int? StatusCode = null);

/// <summary>
/// Fetches other sites' pages for webmentions: through the address guard (no private or local address, at connect
/// time), redirects followed by hand (a few, each an http(s) address connected through the guard again), within a time
/// limit, and never reading more than the size limit: a larger page is dropped mid-read.
/// </summary>
public sealed class WebFetcher(IHttpClientFactory clients, IOptions<WebmentionOptions> options)
{
    public const string HttpClientName = "webmentions";

    private const string UserAgent = "Blog.Web webmention (+https://www.w3.org/TR/webmention/)";

    internal static HttpMessageHandler CreateHandler(WebmentionOptions options) =>
        AddressGuard.CreateHandler(options.AllowPrivateAddresses, allowRedirects: false);

    /// <summary>GETs <paramref name="url"/>; the body is read only for the media types in <paramref name="readTypes"/> (others are refused unless <paramref name="anyType"/>).</summary>
    public async Task<FetchResult> GetAsync(Uri url, string[] readTypes, bool anyType, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        var client = clients.CreateClient(HttpClientName);
        try
        {
            for (var redirects = 0; ; redirects++)
            {
                if (url.Scheme is not ("http" or "https"))
                {
                    return new FetchResult(FetchStatus.Refused, $"not a web address: {url.Scheme}");
                }

                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.UserAgent.ParseAdd(UserAgent);
                request.Headers.Accept.ParseAdd("text/html, text/plain;q=0.9, */*;q=0.1");
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                var status = (int)response.StatusCode;
                if (status is >= 300 and < 400 && response.Headers.Location is { } location)
                {
                    if (redirects >= settings.MaxRedirects)
                    {
                        return new FetchResult(FetchStatus.Refused, $"more than {settings.MaxRedirects} redirects", url);
                    }

                    url = new Uri(url, location);
                    continue;
                }

                var links = response.Headers.TryGetValues("Link", out var values) ? values.ToList() : [];
                if (response.StatusCode == HttpStatusCode.Gone)
                {
                    return new FetchResult(FetchStatus.Gone, "410 Gone", url, StatusCode: status);
                }

                if (!response.IsSuccessStatusCode)
                {
                    return new FetchResult(status >= 500 || status == 429 ? FetchStatus.Failed : FetchStatus.Refused, $"the page answered {status}", url, StatusCode: status);
                }

                var mediaType = response.Content.Headers.ContentType?.MediaType?.ToLowerInvariant() ?? "";
                if (!readTypes.Contains(mediaType))
                {
                    return anyType
                        ? new FetchResult(FetchStatus.Ok, "not read", url, mediaType, null, links, status)
                        : new FetchResult(FetchStatus.Refused, $"not an HTML or text page ({(mediaType.Length > 0 ? mediaType : "no type")})", url, StatusCode: status);
                }

                if (response.Content.Headers.ContentLength > settings.MaxPageBytes)
                {
                    return new FetchResult(FetchStatus.Refused, $"larger than {settings.MaxPageBytes} bytes", url, StatusCode: status);
                }

                var bytes = await ReadLimitedAsync(response.Content, settings.MaxPageBytes, timeout.Token);
                if (bytes is null)
                {
                    return new FetchResult(FetchStatus.Refused, $"larger than {settings.MaxPageBytes} bytes", url, StatusCode: status);
                }

                return new FetchResult(FetchStatus.Ok, "read", url, mediaType, Decode(bytes, response.Content.Headers.ContentType), links, status);
            }
        }
        catch (HttpRequestException e) when (e.InnerException is RefusedAddressException || e.GetBaseException() is RefusedAddressException)
        {
            return new FetchResult(FetchStatus.Refused, "a private or local address", url);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new FetchResult(FetchStatus.Failed, $"no answer within {settings.Timeout.TotalSeconds:0} seconds", url);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or UriFormatException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            return new FetchResult(FetchStatus.Failed, e.GetBaseException().Message, url);
        }
    }

    /// <summary>POSTs a form (a webmention to an endpoint), through the guard, without following redirects.</summary>
    public async Task<(int? StatusCode, string Reason)> PostFormAsync(Uri url, IReadOnlyDictionary<string, string> fields, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.Timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields) };
            request.Headers.UserAgent.ParseAdd(UserAgent);
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return ((int)response.StatusCode, $"the endpoint answered {(int)response.StatusCode}");
        }
        catch (HttpRequestException e) when (e.InnerException is RefusedAddressException || e.GetBaseException() is RefusedAddressException)
        {
            return (null, "refused: the endpoint is on a private or local address");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, "the endpoint did not answer in time");
        }
        catch (HttpRequestException e) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, e.GetBaseException().Message);
        }
    }

    /// <summary>The body, or null as soon as it goes past <paramref name="limit"/> bytes (the rest is never read).</summary>
    private static async Task<byte[]?> ReadLimitedAsync(HttpContent content, int limit, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var kept = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (kept.Length + read > limit)
            {
                return null;
            }

            kept.Write(buffer, 0, read);
        }

        return kept.ToArray();
    }

    private static string Decode(byte[] bytes, MediaTypeHeaderValue? type)
    {
        try
        {
            var encoding = type?.CharSet is { Length: > 0 } charset ? Encoding.GetEncoding(charset.Trim('"')) : Encoding.UTF8;
            return encoding.GetString(bytes);
        }
        catch (ArgumentException)
        {
            return Encoding.UTF8.GetString(bytes);
        }
    }
}
