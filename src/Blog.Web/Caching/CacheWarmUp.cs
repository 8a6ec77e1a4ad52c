using Blog.Web.Data;
using Blog.Web.Pages;
using Blog.Web.Settings;

namespace Blog.Web.Caching;

/// <summary>
/// Fills what the first page view needs (the publication epoch, the site's settings and navigation, the home page's
/// newest posts) while the server starts, so the first reader does not also wait for those queries to be compiled and
/// run. Best effort: whatever it did not get to is loaded on demand as usual. It reads with the host's stopping token
/// and the host waits for it, so a host stopped early (a test's, or a restart in the first second) never has it read
/// from a database that is already closed or deleted.
/// </summary>
internal sealed partial class CacheWarmUp(IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, ILogger<CacheWarmUp> logger)
    : IHostedService
{
    private Task warming = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Taken now: the lifetime's token source belongs to the host, which may be disposed before it calls StopAsync.
        var stopping = lifetime.ApplicationStopping;
        warming = Task.Run(() => WarmAsync(stopping), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await warming.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The host gave up waiting; the warm-up ends on its own with the stopping token.
        }
    }

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
        catch (Exception e) when (e is OperationCanceledException || cancellationToken.IsCancellationRequested)
        {
            // The host is stopping (its database may be gone already): nothing to warm for.
        }
        catch (Exception e)
        {
            LogWarmUpFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Warming the caches at start-up failed; pages load what they need on demand.")]
    private static partial void LogWarmUpFailed(ILogger logger, Exception exception);
}
