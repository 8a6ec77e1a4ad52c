using Blog.Web.Portability.Export;
using Blog.Web.Portability.Import;

namespace Blog.Web.Portability;

public static class PortabilityServiceCollectionExtensions
{
    /// <summary>Import (in the background), export, backup, and redirects from old addresses.</summary>
    public static IServiceCollection AddPortability(this IServiceCollection services)
    {
        services.AddSingleton<ImportQueue>();
        services.AddSingleton<ImportUploads>();
        services.AddHostedService<ImportWorker>();
        services.AddScoped<ImportRunner>();
        services.AddScoped<MarkdownExporter>();
        services.AddScoped<WxrWriter>();
        return services;
    }

    /// <summary>Old addresses answer 301 where nothing else answers; runs inside the 404 page handling.</summary>
    public static IApplicationBuilder UseRedirectsFromOldAddresses(this IApplicationBuilder app) => app.UseMiddleware<RedirectMiddleware>();
}
