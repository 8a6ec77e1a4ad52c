namespace Blog.Web.Mail;

/// <summary>Wakes the outbox worker when an email was saved, so it goes out at once rather than at the next poll.</summary>
public sealed class OutboxSignal : IDisposable
{
    private readonly SemaphoreSlim wake = new(0, 1);

    public void Wake()
    {
        if (wake.CurrentCount == 0)
        {
            try
            {
                wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another caller woke it between the check and the release: one wake-up is enough.
            }
        }
    }

    /// <summary>Waits until woken or until <paramref name="timeout"/> passes on <paramref name="clock"/>.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken stoppingToken)
    {
        using var timer = new CancellationTokenSource(timeout, clock);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timer.Token);
        try
        {
            await wake.WaitAsync(either.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // The poll interval passed: time to look for retries that became due.
        }
    }

    public void Dispose() => wake.Dispose();
}
