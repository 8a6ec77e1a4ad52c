using Microsoft.Extensions.Hosting;

namespace Blog.Web.Tests.Infrastructure;

/// <summary>A host's lifetime that the test moves by hand: it has started when the test says so, and stops likewise.</summary>
public sealed class HandMovedLifetime : IHostApplicationLifetime, IDisposable
{
    private readonly CancellationTokenSource started = new();

    public CancellationTokenSource Stopping { get; } = new();

    public CancellationToken ApplicationStarted => started.Token;

    public CancellationToken ApplicationStopping => Stopping.Token;

    public CancellationToken ApplicationStopped => CancellationToken.None;

    public Task StartedAsync() => started.CancelAsync();

    public void StopApplication() => Stopping.Cancel();

    public void Dispose()
    {
        started.Dispose();
        Stopping.Dispose();
    }
}
