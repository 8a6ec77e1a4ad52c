namespace Blog.Web.Data;

public static class DatabaseInitializerExtensions
{
    /// <summary>Applies migrations (and, on a brand-new blog, adds the sample content) before the first request.</summary>
    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().InitializeAsync(app.Lifetime.ApplicationStopping);
    }
}
