using Blog.Web.Caching;
using Blog.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Blog.Web.Tests.Caching;

/// <summary>
/// The start-up warm-up reads the database in the background. A host that stops while it still reads (a restart in the
/// first second, a test that is done) must wait for it, so it never reads from a database that is closed or deleted
/// after the host is gone, and a read cut short by the stop is not logged as a failure.
/// </summary>
public sealed class CacheWarmUpTests
{
    [Fact]
    public async Task A_stopping_host_waits_for_the_warm_up_and_logs_no_failure()
    {
        using var lifetime = new HandMovedLifetime();
        var services = new ServicesThatOutliveTheHost(lifetime.Stopping.Token);
        var logs = new LogCapture();
        using var loggers = LoggerFactory.Create(builder => builder.AddProvider(logs));
        var warmUp = new CacheWarmUp(services, lifetime, loggers.CreateLogger<CacheWarmUp>());

        await warmUp.StartAsync(CancellationToken.None);
        Assert.True(services.Entered.Wait(TimeSpan.FromSeconds(10)), "the warm-up never began reading");

        await lifetime.Stopping.CancelAsync(); // the host stops: ApplicationStopping first, then each service's StopAsync
        await warmUp.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(services.Left, "StopAsync returned while the warm-up was still reading");
        Assert.DoesNotContain(logs.Messages, message => message.Contains("Warming the caches", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_warm_up_that_fails_while_the_host_runs_is_logged()
    {
        using var lifetime = new HandMovedLifetime();
        var services = new ServicesThatOutliveTheHost(lifetime.Stopping.Token, failAtOnce: true);
        var logs = new LogCapture();
        using var loggers = LoggerFactory.Create(builder => builder.AddProvider(logs));
        var warmUp = new CacheWarmUp(services, lifetime, loggers.CreateLogger<CacheWarmUp>());

        await warmUp.StartAsync(CancellationToken.None);
        await warmUp.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Contains(logs.Messages, message => message.Contains("Warming the caches at start-up failed", StringComparison.Ordinal));
    }


    /// <summary>
    /// A container whose first lookup blocks until the host stops and then finds itself disposed, as the real one is
    /// once the host is gone; or, with <c>failAtOnce</c>, one that fails at once while the host runs.
    /// </summary>
    private sealed class ServicesThatOutliveTheHost(CancellationToken stopping, bool failAtOnce = false)
        : IServiceScopeFactory, IServiceScope, IServiceProvider
    {
        public ManualResetEventSlim Entered { get; } = new();

        public bool Left { get; private set; }

        public IServiceProvider ServiceProvider => this;

        public IServiceScope CreateScope() => this;

        public object? GetService(Type serviceType)
        {
            Entered.Set();
            try
            {
                if (failAtOnce)
                {
                    throw new InvalidOperationException("no such table: Posts");
                }

                stopping.WaitHandle.WaitOne(TimeSpan.FromSeconds(10));
                Thread.Sleep(200); // the host's own disposal takes a moment after the stop began
                throw new ObjectDisposedException(nameof(IServiceProvider));
            }
            finally
            {
                Left = true;
            }
        }

        public void Dispose()
        {
        }
    }
}
