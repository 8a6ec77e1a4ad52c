namespace Blog.Web.Mail;

/// <summary>The outbox's pace and patience (<c>Blog:Mail:...</c>), and a mail server for when the settings page has none.</summary>
public sealed class MailOptions
{
    public const string Section = "Blog:Mail";

    /// <summary>Used when the mail settings page has no server (tests and deployments that configure by environment).</summary>
    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>At most this many emails a minute: mail providers throttle or block a sudden thousand.</summary>
    public int MessagesPerMinute { get; set; } = 120;

    /// <summary>Emails claimed and sent over one connection at a time.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>Attempts before an email is marked failed for good.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failed attempt; it doubles with each attempt (capped at <see cref="MaxRetryDelay"/>).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(6);

    /// <summary>How often the worker looks for retries that became due when nothing wakes it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a claim holds (per batch, plus the time the rate limit needs): after it, a crashed worker's emails are due again.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Connecting to the server and each command give up after this.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public SmtpSecurity Security { get; set; }

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string? FromAddress { get; set; }

    public string? FromName { get; set; }
}
