namespace Blog.Web.Webmentions;

public static class WebmentionsServiceCollectionExtensions
{
    /// <summary>Webmentions: the guarded fetcher, verifying received ones and sending the posts' own, one background worker for both queues.</summary>
    public static IServiceCollection AddWebmentions(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<WebmentionOptions>(configuration.GetSection(WebmentionOptions.Section));
        services.AddSingleton<WebmentionSignal>();
        services.AddSingleton<WebFetcher>();
        services.AddScoped<MentionReceiver>();
        services.AddScoped<MentionSender>();
        services.AddSingleton<WebmentionWorker>();
        services.AddHostedService(provider => provider.GetRequiredService<WebmentionWorker>());
        services.AddHttpClient(WebFetcher.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(provider => WebFetcher.CreateHandler(
                provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<WebmentionOptions>>().Value));
        return services;
    }
}
