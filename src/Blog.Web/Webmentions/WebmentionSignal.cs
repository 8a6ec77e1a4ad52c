namespace Blog.Web.Webmentions;

/// <summary>Wakes the webmention worker when a mention was received or queued to send, rather than at the next poll.</summary>
public sealed class WebmentionSignal : IDisposable
{
    private readonly SemaphoreSlim wake = new(0, 1);

    public void Wake()
    {
        try
        {
            if (wake.CurrentCount == 0)
            {
                wake.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Woken by another caller at the same moment: once is enough.
        }
    }

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
            // The poll interval passed.
        }
    }

    public void Dispose() => wake.Dispose();
}
