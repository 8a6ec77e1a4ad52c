using Blog.Web.Data;
using Blog.Web.Mail;
using Blog.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Blog.Web.Tests.Mail;

/// <summary>
/// One smtp4dev and one blog per test class. <see cref="ConfigureServer"/> says whether the blog's configuration
/// points at the smtp4dev (otherwise the blog starts with no mail server, as a new blog does).
/// </summary>
public abstract class MailApp : IAsyncLifetime
{
    public SmtpTestServer Smtp { get; } = new();

    public BlogFactory App { get; private set; } = null!;

    protected abstract bool ConfigureServer { get; }

    /// <summary>The blog: on SQLite, or on PostgreSQL (<see cref="ConfiguredPostgresMailApp"/>).</summary>
    protected virtual BlogFactory CreateApp() => new();

    public async Task InitializeAsync()
    {
        await Smtp.StartAsync();
        App = CreateApp();
        if (ConfigureServer)
        {
            foreach (var (key, value) in Smtp.AppSettings)
            {
                App.Settings[key] = value;
            }
        }

        // No waiting on the rate limit in tests; a server that is down answers at once, so a short timeout is plenty.
        App.Settings["Blog:Mail:MessagesPerMinute"] = "100000";
        App.Settings["Blog:Mail:Timeout"] = "00:00:05";
        _ = App.Server; // start the app (and its outbox worker)
    }

    public async Task DisposeAsync()
    {
        try
        {
            await Smtp.DisposeAsync();
            Smtp.Dispose();
        }
        finally
        {
            await App.DisposeAsync();
        }
    }

    public Task<bool> EnqueueAsync(OutgoingEmail email) =>
        App.WithDbAsync((db, services) => services.GetRequiredService<Outbox>().EnqueueAndSaveAsync(db, email));

    public Task<OutboxMessage> MessageAsync(string key) =>
        App.WithDbAsync((db, _) => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.IdempotencyKey == key));

    /// <summary>Polls the outbox until the email with <paramref name="key"/> is in the state <paramref name="until"/> describes.</summary>
    public async Task<OutboxMessage> WaitForAsync(string key, Func<OutboxMessage, bool> until, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var message = await MessageAsync(key);
            if (until(message))
            {
                return message;
            }

            Assert.True(DateTime.UtcNow < deadline, $"email {key} stayed {message.Status} (attempts {message.Attempts}, error {message.LastError})");
            await Task.Delay(50);
        }
    }

    public static OutgoingEmail Email(string key, string to = "reader@example.com") => new(
        to, $"Subject of {key}", $"<p>HTML of <strong>{key}</strong></p>", $"Text of {key}", key, "test-purpose");
}

public sealed class ConfiguredMailApp : MailApp
{
    protected override bool ConfigureServer => true;
}

public sealed class ConfiguredPostgresMailApp : MailApp
{
    protected override bool ConfigureServer => true;

    protected override BlogFactory CreateApp() => new PostgresBlogFactory();
}

public sealed class UnconfiguredMailApp : MailApp
{
    protected override bool ConfigureServer => false;
}
