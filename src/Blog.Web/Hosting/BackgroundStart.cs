namespace Blog.Web.Hosting;

/// <summary>
/// When the background workers (outbox, mailings, imports, reader statistics, webmentions) begin their first pass: a
/// moment after the server answered its first request, or a few seconds after it started listening when nobody asks.
/// Their first passes (queries compiled, MailKit's and the workers' own code loaded) otherwise share the two cores of a
/// small server with the first reader's page, which then waits for them; nothing they do is due in the first second.
/// Real time, not the app's <see cref="TimeProvider"/>: tests move that one by hand, and the workers must start anyway.
/// </summary>
public sealed class BackgroundStart
{
    /// <summary>How long after the first response the workers begin (its own background work: logging, the pool).</summary>
    public static readonly TimeSpan AfterFirstResponse = TimeSpan.FromMilliseconds(500);

    /// <summary>How long after the server started listening the workers begin when no request came.</summary>
    public static readonly TimeSpan AfterListening = TimeSpan.FromSeconds(3);

    private readonly TaskCompletionSource open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int answered;

    public BackgroundStart(IHostApplicationLifetime lifetime)
    {
        ArgumentNullException.ThrowIfNull(lifetime);
        lifetime.ApplicationStarted.Register(() => OpenAfter(AfterListening));
    }

    /// <summary>True once the first response was sent: from then on requests no longer need watching.</summary>
    public bool Answered => Volatile.Read(ref answered) == 1;

    /// <summary>
    /// True when the workers may begin; false when the app stops first (a stop, or a server that failed to start), so a
    /// worker returns quietly instead of ending in a cancellation the host would report as the worker's failure.
    /// </summary>
    public async Task<bool> WaitAsync(CancellationToken cancellationToken)
    {
        try
        {
            await open.Task.WaitAsync(cancellationToken);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>The first response went out: the workers begin a moment later.</summary>
    public void ResponseSent()
    {
        if (Interlocked.Exchange(ref answered, 1) == 0)
        {
            OpenAfter(AfterFirstResponse);
        }
    }

    private void OpenAfter(TimeSpan delay) =>
        _ = Task.Delay(delay, CancellationToken.None).ContinueWith(_ => open.TrySetResult(), TaskScheduler.Default);
}

public static class BackgroundStartExtensions
{
    public static IServiceCollection AddBackgroundStart(this IServiceCollection services) => services.AddSingleton<BackgroundStart>();

    /// <summary>Watches for the first response sent (one flag read per request after it), to let the workers begin.</summary>
    public static IApplicationBuilder UseBackgroundStart(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var start = app.ApplicationServices.GetRequiredService<BackgroundStart>();
        return app.Use((context, next) =>
        {
            if (!start.Answered)
            {
                context.Response.OnCompleted(static state =>
                {
                    ((BackgroundStart)state).ResponseSent();
                    return Task.CompletedTask;
                }, start);
            }

            return next(context);
        });
    }
}
