namespace Blog.Web.Instances;

public static class InstancesServiceCollectionExtensions
{
    /// <summary>
    /// What lets several instances share one database: this instance's identity and the leases that make background
    /// work run once across all of them.
    /// </summary>
    public static IServiceCollection AddInstances(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<InstanceOptions>(configuration.GetSection(InstanceOptions.Section));
        services.AddSingleton<InstanceIdentity>();
        services.AddSingleton<DatabaseLeases>();
        return services;
    }
}
