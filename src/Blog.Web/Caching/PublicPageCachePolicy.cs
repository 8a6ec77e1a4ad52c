using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;

namespace Blog.Web.Caching;

/// <summary>
/// Output caching for what anonymous readers get: pages, feeds, the sitemap. Never for the signed-in owner, the
/// dashboard or the media endpoint (photos have their own immutable caching), and never a response that sets a
/// cookie. Every entry carries the "content" tag, evicted on any save, and varies by the publication epoch, so a
/// scheduled post appears on time.
/// </summary>
internal sealed class PublicPageCachePolicy(PublicationSchedule schedule) : IOutputCachePolicy
{
    public const string ContentTag = "content";

    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private static readonly string[] CacheableTypes = ["text/html", "application/xml", "text/xml", "application/rss+xml", "application/atom+xml", "text/plain"];

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var request = context.HttpContext.Request;
        var cacheable = (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && context.HttpContext.User.Identity?.IsAuthenticated != true
            && !request.Path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase)
            && !request.Path.StartsWithSegments("/media", StringComparison.OrdinalIgnoreCase);

        context.EnableOutputCaching = cacheable;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true;
        if (cacheable)
        {
            var epoch = schedule.CurrentEpoch();
            context.CacheVaryByRules.QueryKeys = "*";
            context.CacheVaryByRules.VaryByValues["epoch"] = epoch;
            context.Tags.Add(ContentTag);
            context.ResponseExpirationTimeSpan = Lifetime;

            // Same URL and same epoch means the same content, so the epoch is the validator: the cache answers
            // If-None-Match with 304, and browsers revalidate rather than keep a copy that may have changed.
            var response = context.HttpContext.Response;
            response.Headers.ETag = $"W/\"{epoch}\"";
            response.Headers.CacheControl = "no-cache";
        }

        return ValueTask.CompletedTask;
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        var contentType = response.ContentType?.Split(';')[0].Trim();
        if (response.StatusCode != StatusCodes.Status200OK
            || response.Headers.ContainsKey(HeaderNames.SetCookie)
            || contentType is null
            || !CacheableTypes.Contains(contentType, StringComparer.OrdinalIgnoreCase))
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }
}
