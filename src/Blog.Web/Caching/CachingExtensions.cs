using Blog.Web.Data;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.ResponseCompression;

namespace Blog.Web.Caching;

public static class CachingExtensions
{
    /// <summary>
    /// Public pages cached in memory and evicted by tag the moment content changes; Brotli and gzip for text.
    /// <c>Blog:OutputCache:Enabled=false</c> turns the page cache off (the benchmark's uncached run uses it).
    /// </summary>
    public static IServiceCollection AddSpeed(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IContentChangeListener, OutputCacheEviction>();
        services.AddOutputCache(options =>
        {
            // A small server's memory: the most-read pages stay cached, the long tail is rendered on demand.
            options.SizeLimit = configuration.GetValue("Blog:OutputCache:SizeLimitBytes", 32L * 1024 * 1024);
            options.MaximumBodySize = 2 * 1024 * 1024;
            if (configuration.GetValue("Blog:OutputCache:Enabled", true))
            {
                options.AddBasePolicy(builder => builder.AddPolicy<PublicPageCachePolicy>(), excludeDefaultPolicy: true);
            }
        });

        services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = ["text/html", "text/css", "text/plain", "text/xml", "application/xml", "application/rss+xml",
                "application/atom+xml", "application/json", "application/ld+json", "text/javascript", "application/javascript", "image/svg+xml"];
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        return services;
    }

    /// <summary>
    /// Compression for the public site only: dashboard pages carry antiforgery tokens, which compression next to
    /// attacker-influenced text would expose (BREACH).
    /// </summary>
    public static IApplicationBuilder UseCompressionOutsideAdmin(this IApplicationBuilder app) =>
        app.UseWhen(context => !context.Request.Path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase), branch => branch.UseResponseCompression());

    private sealed class OutputCacheEviction(IOutputCacheStore store) : IContentChangeListener
    {
        // The in-memory store evicts synchronously; the task is complete when it returns.
        public void ContentChanged() => store.EvictByTagAsync(PublicPageCachePolicy.ContentTag, CancellationToken.None).AsTask().GetAwaiter().GetResult();
    }
}
