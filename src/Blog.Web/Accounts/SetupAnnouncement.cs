using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Blog.Web.Accounts;

/// <summary>
/// Once the server listens, and only while the blog has no owner, prints the one-time set-up link: the only way to
/// create the owner from a browser, so there is never a default password or an open registration page.
/// </summary>
internal sealed partial class SetupAnnouncement(
    IServiceScopeFactory scopes,
    IServer server,
    SetupToken token,
    ILogger<SetupAnnouncement> logger) : IHostedLifecycleService
{
    public const string SetupPath = SitePaths.Admin.Setup;

    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        if (await scope.ServiceProvider.GetRequiredService<OwnerAccount>().ExistsAsync(cancellationToken) || token.Value is null)
        {
            return;
        }

        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()?.TrimEnd('/') ?? "";
        LogSetupLink(logger, $"{address}{SetupPath}?token={token.Value}");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Set up your blog: {SetupUrl}")]
    private static partial void LogSetupLink(ILogger logger, string setupUrl);

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
