namespace Blog.Web.Settings;

public static class SiteServiceCollectionExtensions
{
    /// <summary>The public site's pages, with paging routes that read as addresses (<c>/page/2</c>).</summary>
    public static IServiceCollection AddPublicSite(this IServiceCollection services)
    {
        services.AddRazorPages(options =>
        {
            options.Conventions.AddPageRoute("/Index", "page/{pageNumber:int}");
            options.Conventions.AddPageRoute("/Posts/Tag", "blog/tag/{slug}/page/{pageNumber:int}");
            options.Conventions.AddPageRoute("/Posts/Category", "blog/category/{slug}/page/{pageNumber:int}");
        });
        return services;
    }
}
