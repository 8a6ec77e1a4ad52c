using Blog.Web.Data;

namespace Blog.Web.Comments;

public static class CommentsServiceCollectionExtensions
{
    /// <summary>Readers' comments: light Markdown, the signed form token, the spam rules, the kept threads, Akismet (when a key is set).</summary>
    public static IServiceCollection AddComments(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<CommentFormToken>();
        services.AddSingleton<CommentThreads>();
        services.AddSingleton<IContentChangeListener>(provider => provider.GetRequiredService<CommentThreads>());
        services.AddScoped<CommentPosting>();
        services.AddScoped<CommentModeration>();
        services.AddScoped<CommentNotifications>();
        services.Configure<AkismetOptions>(configuration.GetSection(AkismetOptions.Section));
        services.AddScoped<AkismetClient>();
        services.AddHttpClient(AkismetClient.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(provider => AkismetClient.CreateHandler(
                provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<AkismetOptions>>().Value));
        return services;
    }
}
