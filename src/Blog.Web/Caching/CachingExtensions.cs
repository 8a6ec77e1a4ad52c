using Blog.Web.Data;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.ResponseCompression;

namespace Blog.Web.Caching;

public static class CachingExtensions
{
    /// <summary>
    /// Public pages kept in memory for anonymous readers and evicted the moment content changes; Brotli and gzip for
    /// what is not kept. <c>Blog:OutputCache:Enabled=false</c> turns the page cache off (the benchmark's uncached run).
    /// </summary>
    public static IServiceCollection AddSpeed(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<PageCacheOptions>(configuration.GetSection(PageCacheOptions.Section));
        services.AddSingleton<PageCache>();
        services.AddSingleton<IContentChangeListener>(provider => provider.GetRequiredService<PageCache>());
        services.AddSingleton<ReadCache>();
        services.AddSingleton<IContentChangeListener>(provider => provider.GetRequiredService<ReadCache>());
        services.AddHostedService<CacheWarmUp>();

        // Every public page may be kept; the dashboard never. (Post-configured: Razor Pages' own set-up replaces the
        // convention collection, whatever was added to it before AddRazorPages ran.)
        services.PostConfigure<RazorPagesOptions>(options => options.Conventions.Add(new CachedPublicPagesConvention()));

        services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = ContentCoding.CompressibleTypes;
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        return services;
    }

    /// <summary>The page cache, at the front of the pipeline: a kept page costs no middleware behind it.</summary>
    public static IApplicationBuilder UsePageCache(this IApplicationBuilder app) => app.UseMiddleware<PageCacheMiddleware>();

    /// <summary>
    /// Compression of what the page cache does not keep, for the public site only: dashboard pages carry antiforgery
    /// tokens, which compression next to attacker-influenced text would expose (BREACH).
    /// </summary>
    public static IApplicationBuilder UseCompressionOutsideAdmin(this IApplicationBuilder app) =>
        app.UseWhen(context => !context.Request.Path.StartsWithSegments(SitePaths.Admin.Root, StringComparison.OrdinalIgnoreCase), branch => branch.UseResponseCompression());

    /// <summary>Marks an endpoint (a feed, the sitemap) as one the page cache may keep for anonymous readers.</summary>
    public static TBuilder CacheForReaders<TBuilder>(this TBuilder builder, params string[] varyByQuery)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new CachedPageAttribute(varyByQuery));

    /// <summary>Pages outside an area are the public site: each is cacheable unless its model says how (or that it reads the query).</summary>
    private sealed class CachedPublicPagesConvention : IPageApplicationModelConvention
    {
        public void Apply(PageApplicationModel model)
        {
            if (model.AreaName is null
                && !model.HandlerTypeAttributes.OfType<CachedPageAttribute>().Any()
                && !model.EndpointMetadata.OfType<CachedPageAttribute>().Any())
            {
                model.EndpointMetadata.Add(new CachedPageAttribute());
            }
        }
    }
}
