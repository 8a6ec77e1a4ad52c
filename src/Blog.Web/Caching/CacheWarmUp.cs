using Blog.Web.Data;
using Blog.Web.Pages;
using Blog.Web.Settings;

namespace Blog.Web.Caching;

/// <summary>
/// Fills what the first page view needs (the publication epoch, the site's settings and navigation, the home page's
/// newest posts) while the server starts, so the first reader does not also wait for those queries to be compiled and
/// run. Best effort: whatever it did not get to is loaded on demand as usual.
/// </summary>
internal sealed partial class CacheWarmUp(IServiceScopeFactory scopes, ILogger<CacheWarmUp> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = Task.Run(() => WarmAsync(cancellationToken), CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task WarmAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var services = scope.ServiceProvider;
            await services.GetRequiredService<PublicationSchedule>().CurrentEpochAsync(cancellationToken);
            var chrome = await services.GetRequiredService<SiteContext>().GetAsync(cancellationToken);
            await IndexModel.ReadPageAsync(
                services.GetRequiredService<ReadCache>(), services.GetRequiredService<BlogDbContext>(), services.GetRequiredService<TimeProvider>(),
                pageNumber: 1, chrome.Settings.PostsPerPage, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogWarmUpFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Warming the caches at start-up failed; pages load what they need on demand.")]
    private static partial void LogWarmUpFailed(ILogger logger, Exception exception);
}
