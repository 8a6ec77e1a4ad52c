using Blog.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Blog.Web.Instances;

/// <summary>
/// Named leases in the <c>Leases</c> table, for work that runs once across every instance sharing the database.
/// Each step is one statement whose WHERE re-checks who holds the lease, so it is atomic on SQLite (one writer at a
/// time) and on PostgreSQL (a concurrent UPDATE re-reads the row it waited for and finds it taken).
/// </summary>
public sealed partial class DatabaseLeases(
    IServiceScopeFactory scopes, InstanceIdentity instance, TimeProvider clock, IOptions<InstanceOptions> options, ILogger<DatabaseLeases> logger)
{
    public TimeSpan Duration => options.Value.LeaseDuration;

    /// <summary>Takes <paramref name="name"/> when it is free, expired or already this instance's; false when another instance holds it.</summary>
    public async Task<bool> TryClaimAsync(string name, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BlogDbContext>();
        var (me, now) = (instance.Id, clock.GetUtcNow().UtcDateTime);
        var until = now + Duration;
        if (await db.Leases.Where(l => l.Name == name && (l.Holder == me || l.ExpiresAt <= now))
                .ExecuteUpdateAsync(set => set.SetProperty(l => l.Holder, me).SetProperty(l => l.ExpiresAt, until), cancellationToken) == 1)
        {
            return true;
        }

        if (await db.Leases.AnyAsync(l => l.Name == name, cancellationToken))
        {
            return false;
        }

        db.Leases.Add(new Lease { Name = name, Holder = me, ExpiresAt = until });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException error) when (error.IsUniqueViolation())
        {
            return false; // another instance created it first, and holds it
        }
    }

    /// <summary>Extends this instance's hold; false when it was lost (it expired and another instance took it).</summary>
    public async Task<bool> RenewAsync(string name, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BlogDbContext>();
        var (me, until) = (instance.Id, clock.GetUtcNow().UtcDateTime + Duration);
        return await db.Leases.Where(l => l.Name == name && l.Holder == me)
            .ExecuteUpdateAsync(set => set.SetProperty(l => l.ExpiresAt, until), cancellationToken) == 1;
    }

    /// <summary>Lets the lease go at once (the work is done), so any instance may take the next turn without waiting.</summary>
    public async Task ReleaseAsync(string name)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BlogDbContext>();
        var (me, now) = (instance.Id, clock.GetUtcNow().UtcDateTime);
        await db.Leases.Where(l => l.Name == name && l.Holder == me)
            .ExecuteUpdateAsync(set => set.SetProperty(l => l.ExpiresAt, now), CancellationToken.None);
    }

    /// <summary>
    /// Claims <paramref name="name"/> and keeps renewing it while the returned hold is alive; null when another
    /// instance holds it. The hold's <see cref="HeldLease.Lost"/> fires if a renewal finds the lease taken, so the
    /// work stops before two instances do it at once.
    /// </summary>
    public async Task<HeldLease?> HoldAsync(string name, CancellationToken cancellationToken)
    {
        if (!await TryClaimAsync(name, cancellationToken))
        {
            return null;
        }

        return new HeldLease(this, name, Duration / 3, logger);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The lease {Name} was lost (another instance took it over); this instance stops that work")]
    internal static partial void LogLeaseLost(ILogger logger, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The lease {Name} could not be renewed; trying again")]
    internal static partial void LogRenewFailed(ILogger logger, Exception exception, string name);
}

/// <summary>A lease this instance holds: renewed in the background until disposed, then released.</summary>
public sealed class HeldLease : IAsyncDisposable
{
    private readonly DatabaseLeases leases;
    private readonly string name;
    private readonly CancellationTokenSource lost = new();
    private readonly CancellationTokenSource stop = new();
    private readonly Task renewing;

    internal HeldLease(DatabaseLeases leases, string name, TimeSpan every, ILogger logger)
    {
        (this.leases, this.name) = (leases, name);
        renewing = RenewAsync(every, logger);
    }

    /// <summary>Cancelled when the lease was lost: the work it guards must stop.</summary>
    public CancellationToken Lost => lost.Token;

    private async Task RenewAsync(TimeSpan every, ILogger logger)
    {
        // Wall-clock ticks: renewing is about real time passing, whatever the app's clock says.
        using var timer = new PeriodicTimer(every > TimeSpan.Zero ? every : TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token))
            {
                try
                {
                    if (!await leases.RenewAsync(name, stop.Token))
                    {
                        DatabaseLeases.LogLeaseLost(logger, name);
                        await lost.CancelAsync();
                        return;
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    DatabaseLeases.LogRenewFailed(logger, e, name);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Done: released below.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await renewing;
        if (!lost.IsCancellationRequested)
        {
            await leases.ReleaseAsync(name);
        }

        lost.Dispose();
        stop.Dispose();
    }
}
