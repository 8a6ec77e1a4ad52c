using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Blog.Web.Statistics;

/// <summary>
/// Counts reads at the front of the pipeline, just before the page cache, so a kept page is counted like a rendered
/// one. The request only leaves a <see cref="ReadEvent"/> in the <see cref="PendingReads"/> (references to what it already
/// holds) when its response starts as a 200 or 304; everything else happens in the background. Campaign tags are
/// read here because the page cache takes undeclared query parameters off the request. It also answers the statistics
/// pixel itself, so a browser's pixel request costs no more than this.
/// </summary>
internal sealed class ReadCountingMiddleware(RequestDelegate next, PendingReads queue, OwnerRequests owner)
{
    public Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint is null || !queue.Enabled)
        {
            return next(context);
        }

        var counted = endpoint.Metadata.GetMetadata<CountedReadAttribute>();
        if (counted is null)
        {
            return endpoint.Metadata.GetMetadata<StatisticsPixelMarker>() is not null && endpoint.RequestDelegate is { } pixel
                ? pixel(context)
                : next(context);
        }

        if (!HttpMethods.IsGet(context.Request.Method) || owner.IsOwner(context.Request))
        {
            return next(context);
        }

        // Counted as the response starts, when its status is known and before the reader has the page, so that the
        // page's view is always queued before the pixel request the page leads to.
        var read = Capture(context.Request, counted.Kind, context.Request.Path.Value ?? "/", isPixel: false);
        context.Response.OnStarting(CountIfServed, new PendingRead(context.Response, queue, read));
        return next(context);
    }

    internal static ReadEvent Capture(HttpRequest request, ReadKind kind, string path, bool isPixel)
    {
        var headers = request.Headers;
        string? campaign = null;
        if (!isPixel && request.QueryString.HasValue)
        {
            var query = request.Query;
            campaign = query.TryGetValue("utm_source", out var source) && !StringValues.IsNullOrEmpty(source) ? source[0]
                : query.TryGetValue("ref", out var reference) && !StringValues.IsNullOrEmpty(reference) ? reference[0]
                : null;
        }

        return new ReadEvent(
            kind,
            path,
            headers.UserAgent is { Count: > 0 } agent ? agent[0] : null,
            request.HttpContext.Connection.RemoteIpAddress,
            isPixel ? null : headers.Referer is { Count: > 0 } referrer ? referrer[0] : null,
            campaign,
            request.Host.Value,
            PrivacySignal(headers),
            isPixel);
    }

    /// <summary>Do Not Track (<c>DNT: 1</c>) or Global Privacy Control (<c>Sec-GPC: 1</c>).</summary>
    private static bool PrivacySignal(IHeaderDictionary headers) =>
        (headers.TryGetValue("Sec-GPC", out var gpc) && gpc == "1") || (headers.TryGetValue("DNT", out var dnt) && dnt == "1");

    private static Task CountIfServed(object state)
    {
        var pending = (PendingRead)state;
        if (pending.Response.StatusCode is StatusCodes.Status200OK or StatusCodes.Status304NotModified)
        {
            pending.Queue.Add(pending.Read);
        }

        return Task.CompletedTask;
    }

    private sealed record PendingRead(HttpResponse Response, PendingReads Queue, ReadEvent Read);
}

/// <summary>
/// The owner is whoever carries the sign-in cookie (the same test the page cache makes): not counted, never asked to
/// prove it, since a reader faking the cookie only leaves themselves out of the figures.
/// </summary>
public sealed class OwnerRequests(IOptionsMonitor<CookieAuthenticationOptions> cookies)
{
    private readonly string cookie = cookies.Get(IdentityConstants.ApplicationScheme).Cookie.Name ?? ".AspNetCore.Identity.Application";

    public bool IsOwner(HttpRequest request) =>
        !StringValues.IsNullOrEmpty(request.Headers.Authorization)
        || (!StringValues.IsNullOrEmpty(request.Headers.Cookie) && request.Cookies.ContainsKey(cookie));
}
