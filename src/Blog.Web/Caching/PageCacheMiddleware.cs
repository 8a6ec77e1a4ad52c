using System.Text;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Blog.Web.Caching;

/// <summary>
/// The front of the pipeline for anonymous readers: a page kept in the <see cref="PageCache"/> is answered from memory
/// before anything else runs (no session, no antiforgery, no database), already compressed. A page that is not kept
/// yet renders once, however many readers ask for it at that moment, and is kept if it may be. Anyone carrying the
/// owner's sign-in cookie, and every route not marked <see cref="CachedPageAttribute"/>, passes straight through.
/// </summary>
internal sealed class PageCacheMiddleware(
    RequestDelegate next, PageCache cache, PublicationSchedule schedule, IOptionsMonitor<CookieAuthenticationOptions> cookies)
{
    private static readonly HashSet<string> CacheableTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "text/html", "application/xml", "text/xml", "application/rss+xml", "application/atom+xml", "text/plain",
    };

    private readonly string ownerCookie = cookies.Get(IdentityConstants.ApplicationScheme).Cookie.Name ?? ".AspNetCore.Identity.Application";

    public Task InvokeAsync(HttpContext context)
    {
        var page = context.GetEndpoint()?.Metadata.GetMetadata<CachedPageAttribute>();
        if (page is null || !cache.Options.Enabled || !IsAnonymousRead(context.Request))
        {
            return next(context);
        }

        var key = Key(context.Request, page);
        var epoch = schedule.CurrentEpochAsync(context.RequestAborted);
        return epoch.IsCompletedSuccessfully ? ServeAsync(context, page, key, epoch.Result) : ServeOnceKnownAsync(context, page, key, epoch);
    }

    private Task ServeAsync(HttpContext context, CachedPageAttribute page, string key, string epoch) =>
        cache.TryGet(key, epoch, out var cached) ? cached.ServeStoredAsync(context) : RenderAsync(context, page, key, epoch);

    private async Task ServeOnceKnownAsync(HttpContext context, CachedPageAttribute page, string key, ValueTask<string> epoch) =>
        await ServeAsync(context, page, key, await epoch);

    private bool IsAnonymousRead(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && !request.Path.StartsWithSegments(SitePaths.Admin.Root, StringComparison.OrdinalIgnoreCase)
        && StringValues.IsNullOrEmpty(request.Headers.Authorization)
        && (StringValues.IsNullOrEmpty(request.Headers.Cookie) || !request.Cookies.ContainsKey(ownerCookie));

    private async Task RenderAsync(HttpContext context, CachedPageAttribute page, string key, string epoch)
    {
        if (cache.TryJoinRender(key, out var render))
        {
            var rendered = await render.WaitAsync(context.RequestAborted);
            if (rendered is not null && rendered.Epoch == epoch)
            {
                await rendered.ServeStoredAsync(context);
                return;
            }

            await (await RenderAndKeepAsync(context, page, key, epoch, keep: false)).SendAsync(context);
            return;
        }

        Rendered result;
        try
        {
            result = await RenderAndKeepAsync(context, page, key, epoch, keep: true);
        }
        catch
        {
            cache.EndRender(key, null);
            throw;
        }

        // Readers waiting for this page get it now, not once this reader's download is done.
        cache.EndRender(key, result.Kept);
        await result.SendAsync(context);
    }

    private async Task<Rendered> RenderAndKeepAsync(HttpContext context, CachedPageAttribute page, string key, string epoch, bool keep)
    {
        var request = context.Request;
        var response = context.Response;
        KeepOnlyVaryingQuery(request, page);

        // The app renders plain bytes; the cache compresses them once, for every reader after this one too.
        var acceptEncoding = request.Headers.AcceptEncoding;
        request.Headers.AcceptEncoding = default;
        var partEvictions = cache.PartEvictions;
        var body = context.Features.Get<IHttpResponseBodyFeature>()!;
        using var capture = new ResponseCapture(body, cache.Options.MaximumBodyBytes);
        context.Features.Set<IHttpResponseBodyFeature>(capture);
        try
        {
            await next(context);
            await capture.FinishAsync();
        }
        finally
        {
            context.Features.Set(body);
            request.Headers.AcceptEncoding = acceptEncoding;
        }

        if (capture.StreamedThrough)
        {
            return new Rendered(null, null);
        }

        // Kept from a GET only: nothing may depend on a HEAD writing the whole body.
        if (keep && HttpMethods.IsGet(request.Method) && IsStorable(response))
        {
            var kept = CachedPage.Capture(key, epoch, PageTags.Of(context, page), response, capture.Body.ToArray());
            cache.Store(kept, partEvictions);
            return new Rendered(kept, null);
        }

        return new Rendered(null, capture.Body.ToArray());
    }

    /// <summary>What a render left to send: a kept page, bytes that may not be kept, or nothing (it streamed through).</summary>
    private readonly record struct Rendered(CachedPage? Kept, byte[]? Body)
    {
        public Task SendAsync(HttpContext context) =>
            Kept is not null ? Kept.ServeFreshAsync(context) : Body is not null ? SendAsIsAsync(context, Body) : Task.CompletedTask;
    }

    /// <summary>What may be kept: a whole successful page meant for anyone, setting no cookie.</summary>
    private static bool IsStorable(HttpResponse response)
    {
        var cacheControl = response.Headers.CacheControl.ToString();
        return response.StatusCode == StatusCodes.Status200OK
            && !response.Headers.ContainsKey(HeaderNames.SetCookie)
            && !cacheControl.Contains("no-store", StringComparison.OrdinalIgnoreCase)
            && !cacheControl.Contains("private", StringComparison.OrdinalIgnoreCase)
            && ContentCoding.MediaTypeOf(response.ContentType) is { } type
            && CacheableTypes.Contains(type);
    }

    /// <summary>A response that is not kept (a 404 page, a redirect), still compressed when the reader takes it.</summary>
    private static async Task SendAsIsAsync(HttpContext context, byte[] body)
    {
        var response = context.Response;
        if (body.Length == 0)
        {
            return;
        }

        if (ContentCoding.IsCompressible(response.ContentType)
            && string.IsNullOrEmpty(response.Headers.ContentEncoding)
            && ContentCoding.Preferred(context.Request.Headers.AcceptEncoding) is var coding and not ContentCoding.Coding.Identity)
        {
            var compressed = ContentCoding.Compress(coding, body);
            response.Headers.Vary = HeaderNames.AcceptEncoding;
            if (!ReferenceEquals(compressed, body))
            {
                response.Headers.ContentEncoding = ContentCoding.NameOf(coding);
                body = compressed;
            }
        }

        response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await ContentCoding.SendAsync(response, body, context.RequestAborted);
        }
    }

    /// <summary>Scheme and host (absolute links follow them when no base URL is set), path, and the varying query parameters.</summary>
    private static string Key(HttpRequest request, CachedPageAttribute page)
    {
        var key = new StringBuilder(128)
            .Append(request.Scheme).Append("://").Append(request.Host.Value).Append(request.PathBase.Value).Append(request.Path.Value);
        if (request.QueryString.HasValue)
        {
            var separator = '?';
            foreach (var name in page.VaryByQuery)
            {
                if (request.Query.TryGetValue(name, out var values))
                {
                    foreach (var value in values)
                    {
                        key.Append(separator).Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value ?? ""));
                        separator = '&';
                    }
                }
            }
        }

        return key.ToString();
    }

    /// <summary>The page sees no query parameter the key does not carry, so a kept copy is exactly what it rendered.</summary>
    private static void KeepOnlyVaryingQuery(HttpRequest request, CachedPageAttribute page)
    {
        // Case-blind, as model binding and the key's own lookup are.
        if (!request.QueryString.HasValue || request.Query.Keys.All(k => page.VaryByQuery.Contains(k, StringComparer.OrdinalIgnoreCase)))
        {
            return;
        }

        var kept = request.Query
            .Where(q => page.VaryByQuery.Contains(q.Key, StringComparer.OrdinalIgnoreCase))
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)));
        request.QueryString = QueryString.Create(kept);
    }
}
