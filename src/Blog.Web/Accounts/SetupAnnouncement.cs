using Blog.Web.Data;
using Blog.Web.Seo;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Accounts;

/// <summary>
/// Once the server listens, and only while the blog has no owner, prints the one-time set-up link: the only way to
/// create the owner from a browser, so there is never a default password or an open registration page. The link is
/// the last thing on the console, in a box: the host's own "Application started" lines (suppressed in
/// <see cref="AccountServiceCollectionExtensions"/>) are written here first, so nothing scrolls it away.
/// </summary>
internal sealed partial class SetupAnnouncement(
    IServiceScopeFactory scopes,
    IServer server,
    SetupToken token,
    IHostEnvironment environment,
    IConfiguration configuration,
    ILoggerFactory loggers,
    ILogger<SetupAnnouncement> logger) : IHostedLifecycleService
{
    public const string SetupPath = SitePaths.Admin.Setup;

    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        var lifetime = loggers.CreateLogger("Microsoft.Hosting.Lifetime");
        LogStarted(lifetime);
        LogEnvironment(lifetime, environment.EnvironmentName);
        LogContentRoot(lifetime, environment.ContentRootPath);

        await using var scope = scopes.CreateAsyncScope();
        if (await scope.ServiceProvider.GetRequiredService<OwnerAccount>().ExistsAsync(cancellationToken) || token.Value is null)
        {
            return;
        }

        var publicAddress = environment.IsDevelopment() ? null : await PublicAddressAsync(scope.ServiceProvider, cancellationToken);
        var origin = publicAddress ?? ListeningAddress();
        var lines = new List<string>
        {
            "Set up your blog: open this link in a browser to create the owner's account.",
            "It works once; each start without an owner prints a new one.",
            "",
            $"{origin}{SetupPath}?token={token.Value}",
        };
        if (publicAddress is null && !environment.IsDevelopment())
        {
            lines.Add("");
            lines.Add("Behind a proxy? Set Blog__BaseUrl=https://your.blog to print the public address.");
        }

        LogSetupLink(logger, Box(lines));
    }

    /// <summary>The blog's public address: the BaseUrl setting, or <c>Blog:BaseUrl</c> before it is saved.</summary>
    private async Task<string?> PublicAddressAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var saved = await services.GetRequiredService<BlogDbContext>().SiteSettings.AsNoTracking()
            .Select(s => s.BaseUrl).SingleOrDefaultAsync(cancellationToken);
        var candidate = SiteAddress.IsValidBaseUrl(saved) ? saved : configuration["Blog:BaseUrl"];
        return SiteAddress.IsValidBaseUrl(candidate) ? new SiteAddress(candidate!).Origin : null;
    }

    /// <summary>Where the server listens, with a wildcard host (0.0.0.0, [::], +, *) made into one a browser can open.</summary>
    private string ListeningAddress()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()?.TrimEnd('/') ?? "";
        foreach (var wildcard in new[] { "://+", "://*", "://0.0.0.0", "://[::]" })
        {
            address = address.Replace(wildcard, "://localhost", StringComparison.Ordinal);
        }

        return address;
    }

    internal static string Box(IReadOnlyList<string> lines)
    {
        var width = lines.Max(l => l.Length);
        var rule = new string('─', width + 2);
        return string.Join(Environment.NewLine,
            new[] { "", $"┌{rule}┐" }
                .Concat(lines.Select(l => $"│ {l.PadRight(width)} │"))
                .Append($"└{rule}┘"));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Box}")]
    private static partial void LogSetupLink(ILogger logger, string box);

    [LoggerMessage(EventId = 0, Level = LogLevel.Information, Message = "Application started. Press Ctrl+C to shut down.")]
    private static partial void LogStarted(ILogger logger);

    [LoggerMessage(EventId = 0, Level = LogLevel.Information, Message = "Hosting environment: {EnvName}")]
    private static partial void LogEnvironment(ILogger logger, string envName);

    [LoggerMessage(EventId = 0, Level = LogLevel.Information, Message = "Content root path: {ContentRoot}")]
    private static partial void LogContentRoot(ILogger logger, string contentRoot);

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
