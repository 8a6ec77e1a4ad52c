using Blog.Web.Instances;
using Blog.Web.Mail;
using Blog.Web.Portability.Import;
using Blog.Web.Subscriptions;
using Blog.Web.Tests.Infrastructure;
using Blog.Web.Tests.Statistics;
using Blog.Web.Tests.Webmentions;
using Blog.Web.Webmentions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Blog.Web.Tests.Instances;

/// <summary>
/// Two instances of the app (two factories, each with its own workers, caches and clock) on the SAME database, doing
/// the background work at the same time: every email goes once, a mailing is enqueued once, an import left by a dead
/// instance is taken over after its lease, and both instances' reader counts add up. Run on one SQLite file and on
/// one PostgreSQL database.
/// </summary>
public abstract class SharedDatabaseTests(SharedDatabaseTests.MailServer mailServer) : IClassFixture<SharedDatabaseTests.MailServer>, IAsyncLifetime, IDisposable
{
    private readonly SmtpTestServer smtp = mailServer.Smtp;
    private BlogFactory first = null!;
    private BlogFactory second = null!;

    /// <summary>
    /// One smtp4dev for the class (it takes seconds to start), emptied before each test: each test still begins with
    /// no email at the server, as with one of its own, since the previous test's instances are stopped by then.
    /// </summary>
    public sealed class MailServer : IAsyncLifetime, IDisposable
    {
        public SmtpTestServer Smtp { get; } = new() { MessagesToKeep = 2000 };

        public Task InitializeAsync() => Smtp.StartAsync();

        public Task DisposeAsync() => Smtp.StopAsync();

        public void Dispose() => Smtp.Dispose();
    }

    public async Task InitializeAsync()
    {
        await smtp.ClearAsync();
        Assert.Empty(await smtp.MessagesAsync());
        first = Instance(CreateFirst());
        _ = first.Server; // migrates the database
        second = Instance(CreateSecond(first));
        _ = second.Server;
    }

    protected abstract BlogFactory CreateFirst();

    protected abstract BlogFactory CreateSecond(BlogFactory first);

    private BlogFactory Instance(BlogFactory app)
    {
        foreach (var (key, value) in smtp.AppSettings)
        {
            app.Settings[key] = value;
        }

        app.Settings["Blog:Mail:MessagesPerMinute"] = "1000000";
        app.Settings["Blog:Mail:BatchSize"] = "7";
        app.Settings["Blog:Subscriptions:BatchSize"] = "9";
        app.Settings["Blog:Instances:ImportPollInterval"] = "00:00:00.200";
        app.Settings["Blog:Webmentions:AllowPrivateAddresses"] = "true"; // the stand-in site is on 127.0.0.1
        return app;
    }

    public async Task DisposeAsync()
    {
        await second.DisposeAsync();
        await first.DisposeAsync();
    }

    public void Dispose() => GC.SuppressFinalize(this);

    private static OutboxWorker Outbox(BlogFactory app) => app.Services.GetServices<IHostedService>().OfType<OutboxWorker>().Single();

    private static MailingWorker Mailings(BlogFactory app) => app.Services.GetServices<IHostedService>().OfType<MailingWorker>().Single();

    [Fact]
    public async Task Both_instances_sending_the_outbox_at_once_send_each_email_once()
    {
        const int Emails = 300;
        await first.WithDbAsync(async (db, services) =>
        {
            var outbox = services.GetRequiredService<Outbox>();
            for (var i = 1; i <= Emails; i++)
            {
                await outbox.EnqueueAsync(db, new OutgoingEmail($"outbox{i}@example.com", $"Email {i}", $"<p>{i}</p>", $"{i}", $"shared-outbox:{i}", "test-purpose"));
            }

            await db.SaveChangesAsync();
            return 0;
        });

        // Each instance's own worker runs too; these loops make both claim as fast as they can, side by side.
        var loops = new[] { first, second, first, second }.Select(app => Task.Run(async () =>
        {
            var worker = Outbox(app);
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (DateTime.UtcNow < deadline && await SentAsync() < Emails)
            {
                await worker.SendDueAsync(CancellationToken.None);
            }
        })).ToArray();
        await Task.WhenAll(loops);
        await Task.Delay(300); // anything sent twice would arrive now

        var received = (await smtp.WaitForMessagesAsync(Emails, m => m.To.Any(to => to.StartsWith("outbox", StringComparison.Ordinal)), seconds: 60))
            .SelectMany(m => m.To).GroupBy(to => to, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(Emails, received.Count);
        Assert.All(received, pair => Assert.True(pair.Value == 1, $"{pair.Key} got {pair.Value} emails"));
        Assert.Equal(Emails, await first.WithDbAsync((db, _) => db.OutboxMessages.CountAsync(m => m.Purpose == "test-purpose" && m.Status == OutboxStatus.Sent && m.Attempts == 1)));

        Task<int> SentAsync() => first.WithDbAsync((db, _) => db.OutboxMessages.CountAsync(m => m.Purpose == "test-purpose" && m.Status == OutboxStatus.Sent));
    }

    [Fact]
    public async Task Both_instances_sending_webmentions_at_once_send_each_once()
    {
        const int Mentions = 60;
        await using var site = await StandInSite.StartAsync();
        site.Pages["/linked"] = ("text/html", "<html><head><link rel=\"webmention\" href=\"/endpoint\"></head><body>Linked.</body></html>", null);
        var post = await first.AddPostAsync("Linking out", first.UtcNow.AddDays(-1));
        await first.WithDbAsync(async (db, _) =>
        {
            for (var i = 1; i <= Mentions; i++)
            {
                db.OutgoingWebmentions.Add(new OutgoingWebmention
                {
                    PostId = post.Id, Source = "http://localhost/blog/linking-out", Target = site.Url($"/linked?n={i}"), ContentVersion = "v1",
                    CreatedAtUtc = first.UtcNow, NextAttemptAt = first.UtcNow.AddMinutes(-1),
                });
            }

            await db.SaveChangesAsync();
            return 0;
        });

        // Each instance's own worker runs too; these loops make both claim as fast as they can, side by side.
        var loops = new[] { first, second, first, second }.Select(app => Task.Run(async () =>
        {
            var worker = app.Services.GetRequiredService<WebmentionWorker>();
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (DateTime.UtcNow < deadline && await SentAsync() < Mentions)
            {
                await worker.RunOnceAsync(CancellationToken.None);
            }
        })).ToArray();
        await Task.WhenAll(loops);

        Assert.Equal(Mentions, await SentAsync());
        var perTarget = site.Received.GroupBy(form => form["target"].ToString(), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(Mentions, perTarget.Count);
        Assert.All(perTarget, pair => Assert.True(pair.Value == 1, $"{pair.Key} was sent {pair.Value} times"));
        Assert.Equal(Mentions, await first.WithDbAsync((db, _) => db.OutgoingWebmentions.CountAsync(w => w.Attempts == 1)));

        Task<int> SentAsync() => first.WithDbAsync((db, _) => db.OutgoingWebmentions.CountAsync(w => w.State == WebmentionState.Done));
    }

    [Fact]
    public async Task A_mailing_runs_on_one_instance_at_a_time_and_another_takes_over_once_a_dead_holders_lease_expires()
    {
        const int Readers = 120;
        var post = await first.AddPostAsync("For every subscriber");
        await first.WithDbAsync(async db =>
        {
            db.Subscribers.AddRange(Enumerable.Range(1, Readers).Select(i => new Subscriber
            {
                Email = $"sub{i}@example.com", NormalizedEmail = $"sub{i}@example.com", Status = SubscriberStatus.Confirmed, CreatedAt = first.UtcNow, ConfirmedAt = first.UtcNow,
            }));

            // A dead instance holds the mailing lease for another minute (the workers' first passes at start-up made the row).
            await db.Leases.Where(l => l.Name == MailingWorker.LeaseName).ExecuteDeleteAsync();
            db.Leases.Add(new Lease { Name = MailingWorker.LeaseName, Holder = "dead-host/1/0", ExpiresAt = first.UtcNow.AddMinutes(1) });
            db.Mailings.Add(new Mailing { Key = Mailing.KeyForPost(post.Id), Kind = MailingKind.Post, PostId = post.Id, CreatedAt = first.UtcNow, SiteOrigin = "https://blog.example.com" });
            await db.SaveChangesAsync();
        });

        Assert.False(await Mailings(first).RunOnceAsync(CancellationToken.None));
        Assert.False(await Mailings(second).RunOnceAsync(CancellationToken.None));
        Assert.Equal(0, await OutboxCountAsync());

        // The holder never renews: past its expiry both instances race for the lease, side by side, many times.
        first.Clock.Advance(TimeSpan.FromMinutes(1));
        second.Clock.Advance(TimeSpan.FromMinutes(1));
        var passes = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => Mailings(i % 2 == 0 ? first : second).RunOnceAsync(CancellationToken.None))));
        Assert.Contains(true, passes);

        Assert.Equal(Readers, await OutboxCountAsync());
        var keys = await first.WithDbAsync((db, _) => db.OutboxMessages.Where(m => m.Purpose.StartsWith("subscription")).Select(m => m.ToAddress).ToListAsync());
        Assert.Equal(Readers, keys.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        var mailing = await first.WithDbAsync((db, _) => db.Mailings.AsNoTracking().SingleAsync());
        Assert.Equal((MailingState.Enqueued, Readers), (mailing.State, mailing.Enqueued));
        var lease = await first.WithDbAsync((db, _) => db.Leases.AsNoTracking().SingleAsync(l => l.Name == MailingWorker.LeaseName));
        Assert.NotEqual("dead-host/1/0", lease.Holder);

        Task<int> OutboxCountAsync() => first.WithDbAsync((db, _) => db.OutboxMessages.CountAsync(m => m.Purpose.StartsWith("subscription")));
    }

    [Fact]
    public async Task A_lease_is_held_by_one_instance_until_it_expires_or_is_released()
    {
        var one = first.Services.GetRequiredService<DatabaseLeases>();
        var other = second.Services.GetRequiredService<DatabaseLeases>();
        var claims = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() => (i % 2 == 0 ? one : other).TryClaimAsync("test:race", CancellationToken.None))));
        Assert.True(claims.Count(c => c) is >= 1 and <= 5, string.Join(",", claims)); // only one instance's claims succeed
        var holder = await first.WithDbAsync((db, _) => db.Leases.AsNoTracking().SingleAsync(l => l.Name == "test:race"));
        var (winner, loser) = holder.Holder == first.Services.GetRequiredService<InstanceIdentity>().Id ? (one, other) : (other, one);
        Assert.False(await loser.TryClaimAsync("test:race", CancellationToken.None));
        Assert.False(await loser.RenewAsync("test:race", CancellationToken.None));
        Assert.True(await winner.RenewAsync("test:race", CancellationToken.None));

        await winner.ReleaseAsync("test:race");
        Assert.True(await loser.TryClaimAsync("test:race", CancellationToken.None));
        Assert.False(await winner.TryClaimAsync("test:race", CancellationToken.None));
    }

    [Fact]
    public async Task An_import_whose_instance_died_is_resumed_by_another_and_one_whose_file_is_gone_fails_saying_why()
    {
        var file = Path.Combine(Path.GetTempPath(), $"left-behind-{Guid.NewGuid():N}.xml");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Portability", "Fixtures", "wordpress-1.2.xml"), file);
        var (resumed, missing, alive) = await first.WithDbAsync(async (db, _) =>
        {
            ImportRun Run(string path, string holder, DateTime until) => db.ImportRuns.Add(new ImportRun
            {
                FileName = "wordpress.xml", SourcePath = path, Status = ImportRunStatus.Running, Processed = 1, Created = 1, CreatedAtUtc = first.UtcNow,
                StartedAtUtc = first.UtcNow, LeaseHolder = holder, LeaseUntil = until,
            }).Entity;
            var resumed = Run(file, "dead-host/1/0", first.UtcNow.AddSeconds(-1));
            var missing = Run("/nowhere/on/this/server.xml", "dead-host/1/0", first.UtcNow.AddSeconds(-1));
            var alive = Run(file, "live-host/2/0", first.UtcNow.AddMinutes(1));
            await db.SaveChangesAsync();
            return (resumed.Id, missing.Id, alive.Id);
        });

        // Both instances' workers look every 200 ms; one of them takes each abandoned run.
        var done = await WaitAsync(async () => await first.WithDbAsync((db, _) =>
            db.ImportRuns.AsNoTracking().Where(r => r.Id == resumed || r.Id == missing).Where(r => r.Status == ImportRunStatus.Succeeded || r.Status == ImportRunStatus.Failed).ToListAsync()) is { Count: 2 } runs ? runs : null);

        var ok = done.Single(r => r.Id == resumed);
        Assert.True(ok.Status == ImportRunStatus.Succeeded, $"{ok.Error}\n{string.Join("\n", first.Logs.Messages.Concat(second.Logs.Messages).Where(m => m.Contains("Import", StringComparison.Ordinal)))}");
        Assert.NotEqual("dead-host/1/0", ok.LeaseHolder);
        Assert.True(ok.Created + ok.Unchanged + ok.Updated > 0);
        Assert.Equal(ok.Total, ok.Processed); // counted afresh, not on top of the dead instance's
        var failed = done.Single(r => r.Id == missing);
        Assert.Equal((ImportRunStatus.Failed, ImportWorker.FileElsewhere), (failed.Status, failed.Error));

        // A run whose holder still renews its lease is left alone.
        var untouched = await first.WithDbAsync((db, _) => db.ImportRuns.AsNoTracking().SingleAsync(r => r.Id == alive));
        Assert.Equal((ImportRunStatus.Running, "live-host/2/0"), (untouched.Status, untouched.LeaseHolder));
        Assert.Equal(1, await first.WithDbAsync((db, _) => db.Posts.CountAsync(p => p.Title == "Walking the Ridgeway")));
        File.Delete(file);
    }

    [Fact]
    public async Task Both_instances_reader_counts_add_up_in_the_shared_figures()
    {
        await first.AddPostAsync("Counted twice over");
        for (var i = 0; i < 3; i++)
        {
            await first.Reader($"198.51.100.{i + 1}").BrowseAsync("/blog/counted-twice-over");
        }

        for (var i = 0; i < 2; i++)
        {
            await second.Reader($"203.0.113.{i + 1}").BrowseAsync("/blog/counted-twice-over");
        }

        // Each instance writes what it counted, in turn and then again with nothing new: increments, never a replacement.
        await first.FlushStatisticsAsync();
        await second.FlushStatisticsAsync();
        await first.FlushStatisticsAsync();
        await second.FlushStatisticsAsync();

        var page = Assert.Single(await first.PageFiguresAsync(), p => p.Path == "/blog/counted-twice-over");
        Assert.Equal((5, 5), (page.Views, page.Readers));
        var day = await first.WithDbAsync((db, _) => db.StatisticsDays.AsNoTracking().SingleAsync());
        Assert.Equal(5, day.Views);
    }

    private static async Task<T> WaitAsync<T>(Func<Task<T?>> probe, int seconds = 60)
        where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(50);
        }
    }
}

/// <summary>Two processes on one SQLite file: supported for the background work (leases), each with its own page cache.</summary>
public sealed class SharedSqliteFileTests(SharedDatabaseTests.MailServer mailServer) : SharedDatabaseTests(mailServer)
{
    protected override BlogFactory CreateFirst() => new();

    protected override BlogFactory CreateSecond(BlogFactory first) => first.OnTheSameDatabase();
}

/// <summary>Two instances on one PostgreSQL database, the set-up several instances are meant for.</summary>
public sealed class SharedPostgreSqlDatabaseTests(SharedDatabaseTests.MailServer mailServer) : SharedDatabaseTests(mailServer)
{
    protected override BlogFactory CreateFirst() => new PostgresBlogFactory();

    protected override BlogFactory CreateSecond(BlogFactory first) => first.OnTheSameDatabase();
}
