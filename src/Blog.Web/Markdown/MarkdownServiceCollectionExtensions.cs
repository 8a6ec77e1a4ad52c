namespace Blog.Web.Markdown;

public static class MarkdownServiceCollectionExtensions
{
    public static IServiceCollection AddMarkdown(this IServiceCollection services)
    {
        services.AddSingleton<MarkdownRenderer>();
        services.AddMemoryCache();
        return services;
    }
}
