using Blog.Web.Portability.Export;
using Blog.Web.Portability.Import;

namespace Blog.Web.Portability;

public static class PortabilityServiceCollectionExtensions
{
    /// <summary>Import (in the background), export and backup.</summary>
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
}
