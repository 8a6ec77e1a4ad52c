using Blog.Web.Data;

namespace Blog.Web.Instances;

public static class InstancesServiceCollectionExtensions
{
    /// <summary>
    /// What lets several instances share one database: this instance's identity, the leases that make background
    /// work run once across all of them, and the bus that carries cache evictions to the others (PostgreSQL's
    /// LISTEN/NOTIFY; on SQLite, one instance per file, nothing to carry).
    /// </summary>
    public static IServiceCollection AddInstances(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<InstanceOptions>(configuration.GetSection(InstanceOptions.Section));
        services.AddSingleton<InstanceIdentity>();
        services.AddSingleton<DatabaseLeases>();
        if (configuration.BlogDatabaseProvider() == DatabaseProvider.PostgreSql)
        {
            var connectionString = configuration.GetConnectionString("Blog") ?? "";
            services.AddSingleton(provider => new PostgresEvictionBus(
                connectionString, provider.GetRequiredService<InstanceIdentity>(), provider.GetServices<IContentChangeListener>(),
                provider.GetRequiredService<ILogger<PostgresEvictionBus>>()));
            services.AddSingleton<ICacheEvictionBus>(provider => provider.GetRequiredService<PostgresEvictionBus>());
            services.AddHostedService(provider => provider.GetRequiredService<PostgresEvictionBus>());
        }
        else
        {
            services.AddSingleton<ICacheEvictionBus, InProcessEvictionBus>();
        }

        return services;
    }
}
