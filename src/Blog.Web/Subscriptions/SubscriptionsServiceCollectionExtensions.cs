using Blog.Web.Security;

namespace Blog.Web.Subscriptions;

public static class SubscriptionsServiceCollectionExtensions
{
    /// <summary>Readers' subscriptions (double opt-in), the mailing worker that sends posts and digests through the outbox.</summary>
    public static IServiceCollection AddSubscriptions(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SubscriptionOptions>(configuration.GetSection(SubscriptionOptions.Section));
        services.AddSingleton<CachedFormToken>();
        services.AddSingleton<SubscriptionAvailability>();
        services.AddSingleton<MailingSignal>();
        services.AddScoped<SubscriptionRequests>();
        services.AddHostedService<MailingWorker>();
        return services;
    }
}
