namespace Blog.Web.Webmentions;

/// <summary>The limits of webmention fetches and queues (<c>Blog:Webmentions:...</c>).</summary>
public sealed class WebmentionOptions
{
    public const string Section = "Blog:Webmentions";

    /// <summary>Lets fetches reach loopback and private networks: for tests only (their stand-in sites run on 127.0.0.1).</summary>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>A fetch (every redirect included) gives up after this.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>A page larger than this is not read past it: the mention is rejected.</summary>
    public int MaxPageBytes { get; set; } = 1024 * 1024;

    /// <summary>Redirects followed per fetch, each checked by the address guard again.</summary>
    public int MaxRedirects { get; set; } = 3;

    /// <summary>Received webmentions waiting to be checked beyond this are refused (503) until the queue drains.</summary>
    public int MaxQueued { get; set; } = 500;

    /// <summary>Webmentions taken from one client address in an hour; beyond it, 429.</summary>
    public int MaxPerAddressPerHour { get; set; } = 60;

    /// <summary>Attempts (for fetch failures that may pass: a timeout, a 5xx) before giving up.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The wait after a first failed attempt; doubled each time, capped at <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(6);

    /// <summary>How long a claim holds: after it, a row a crashed worker held is due again.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the worker looks for due rows when nothing wakes it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The text of a mention kept (and shown) at most.</summary>
    public int MaxContentLength { get; set; } = 1000;

    /// <summary>The worker runs (off only for a process that should never reach out).</summary>
    public bool WorkerEnabled { get; set; } = true;

    public TimeSpan Backoff(int attempts)
    {
        var factor = Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        return TimeSpan.FromTicks((long)Math.Min(RetryDelay.Ticks * factor, MaxRetryDelay.Ticks));
    }
}
