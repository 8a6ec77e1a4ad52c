using Blog.Web.Seo;
using Microsoft.Extensions.Options;

namespace Blog.Web.Statistics;

/// <summary>Reader statistics: counting at the front of the pipeline, the pixel, and the background recorder.</summary>
public static class StatisticsEndpoints
{
    public static IServiceCollection AddReaderStatistics(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<StatisticsOptions>(configuration.GetSection(StatisticsOptions.Section));
        services.AddSingleton<PendingReads>();
        services.AddSingleton<ReadTally>();
        services.AddSingleton<OwnerRequests>();
        services.AddSingleton<FiguresWriter>();
        services.AddSingleton<StatisticsRecorder>();
        services.AddHostedService(provider => provider.GetRequiredService<StatisticsRecorder>());
        return services;
    }

    /// <summary>Counting, placed just before the page cache so that kept pages are counted too.</summary>
    public static IApplicationBuilder UseReaderStatistics(this IApplicationBuilder app) => app.UseMiddleware<ReadCountingMiddleware>();

    /// <summary>
    /// The pixel: an empty stylesheet each counted page links to. A browser that renders the page fetches it (no script,
    /// no cookie, allowed by the CSP's <c>style-src 'self'</c>); most programs that only fetch pages do not. Never cached,
    /// so each visit asks again; the tally counts a reader once a day per page anyway.
    /// </summary>
    public static IEndpointConventionBuilder MapReaderStatistics(this IEndpointRouteBuilder app) =>
        app.MapGet(SitePaths.StatisticsPixelPattern, (HttpContext context, string token, PendingReads queue, OwnerRequests owner) =>
        {
            if (!CountedPath.IsToken(token))
            {
                return Results.NotFound();
            }

            if (queue.Enabled && !owner.IsOwner(context.Request))
            {
                queue.Add(ReadCountingMiddleware.Capture(context.Request, default, token, isPixel: true));
            }

            context.Response.Headers.CacheControl = "no-store";
            return Results.Text("", "text/css; charset=utf-8");
        }).WithMetadata(StatisticsPixelMarker.Instance).ExcludeFromDescription();

    /// <summary>Whether pages carry the pixel (statistics on).</summary>
    public static bool IsEnabled(IServiceProvider services) => services.GetRequiredService<IOptions<StatisticsOptions>>().Value.Enabled;
}
