using System.Diagnostics;
using Blog.Web.Subscriptions;
using Blog.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Blog.Web.Tests.Subscriptions;

/// <summary>
/// A post's send survives <c>kill -9</c>: the app (the built Blog.Web.dll, as its own process) is killed while it puts
/// a post's emails for 1,000 subscribers into the outbox, started again, and every subscriber gets exactly one email
/// through a real SMTP server.
/// </summary>
public sealed class MailingKillTests : IAsyncLifetime, IDisposable
{
    private const int Subscribers = 1000;
    private readonly SmtpTestServer smtp = new() { MessagesToKeep = 3000 };
    private readonly BlogFactory seed = new();
    private readonly List<Process> processes = [];
    private readonly System.Text.StringBuilder output = new();

    public Task InitializeAsync() => smtp.StartAsync();

    public void Dispose()
    {
        smtp.Dispose();
        seed.Dispose();
    }

    public async Task DisposeAsync()
    {
        foreach (var process in processes)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
        }

        await smtp.DisposeAsync();
        await seed.DisposeAsync();
    }

    [Fact]
    public async Task Killed_mid_send_and_restarted_every_subscriber_gets_the_post_exactly_once()
    {
        await SeedAsync();

        // First run: no mail server, small batches, so the kill lands while the mailing is half in the outbox.
        var first = Start(withSmtp: false);
        var progress = await WaitAsync(async () => await MailingAsync() is { State: 1, LastSubscriberId: > 0 } m ? m : null, "the mailing to start", describe: async () => $"{await MailingAsync()}\n{output}");
        first.Kill(); // SIGKILL: no shutdown, no flush
        await first.WaitForExitAsync();
        var atKill = await MailingAsync();
        var queuedAtKill = await ScalarAsync("SELECT COUNT(*) FROM OutboxMessages");
        Assert.True(atKill!.State != 2 && queuedAtKill < Subscribers, $"the kill came too late to test anything (state {atKill.State}, {queuedAtKill} queued)");
        Assert.True(progress.LastSubscriberId > 0);

        // Second run: the mailing resumes after its last whole batch, and the outbox sends everything.
        Start(withSmtp: true);
        await WaitAsync(async () => await ScalarAsync("SELECT COUNT(*) FROM OutboxMessages WHERE Status = 2") >= Subscribers ? (object)true : null, "every email to be sent", seconds: 120);
        await Task.Delay(500); // anything extra would arrive now

        var received = await smtp.MessagesAsync();
        var perAddress = received.SelectMany(m => m.To).GroupBy(to => to, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);
        Assert.Equal(Subscribers, perAddress.Count);
        Assert.All(perAddress, pair => Assert.True(pair.Value == 1, $"{pair.Key} got {pair.Value} emails"));
        Assert.Equal(Subscribers, await ScalarAsync("SELECT COUNT(*) FROM OutboxMessages"));
        Assert.Equal(2, (await MailingAsync())!.State);
    }

    private async Task SeedAsync()
    {
        var now = seed.UtcNow;
        await seed.WithDbAsync(async (db, services) =>
        {
            var post = new Blog.Web.Posts.Post("A letter to many", "a-letter-to-many", now);
            post.SetBody("Words for **everyone**.", services.GetRequiredService<Blog.Web.Markdown.MarkdownRenderer>(), now);
            post.Publish(now);
            db.Posts.Add(post);
            db.Subscribers.AddRange(Enumerable.Range(1, Subscribers).Select(i => new Subscriber
            {
                Email = $"reader{i}@example.com", NormalizedEmail = $"reader{i}@example.com", Status = SubscriberStatus.Confirmed, CreatedAt = now, ConfirmedAt = now,
            }));
            await db.SaveChangesAsync();
            db.Mailings.Add(new Mailing { Key = Mailing.KeyForPost(post.Id), Kind = MailingKind.Post, PostId = post.Id, CreatedAt = now, SiteOrigin = "https://blog.example.com" });
            await db.SaveChangesAsync();
            return 0;
        });
        // The seeding app stays up (its workers idle: no mail server, a clock that does not move) so its database file stays.
    }

    private Process Start(bool withSmtp)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Blog.Web.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{FreePort.Next()}");
        start.Environment["ConnectionStrings__Blog"] = $"Data Source={seed.DatabasePath}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Blog__Subscriptions__BatchSize"] = "5";
        start.Environment["Blog__Subscriptions__PollInterval"] = "00:00:01";
        start.Environment["Blog__Instances__LeaseDuration"] = "00:00:03"; // the restarted process waits for the killed one's mailing lease to lapse
        start.Environment["Blog__Mail__MessagesPerMinute"] = "1000000";
        start.Environment["Blog__Mail__BatchSize"] = "100";
        if (withSmtp)
        {
            foreach (var (key, value) in smtp.AppSettings)
            {
                start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
            }
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => output.Append(e.Data).Append('\n');
        process.ErrorDataReceived += (_, e) => output.Append(e.Data).Append('\n');
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        processes.Add(process);
        return process;
    }

    private sealed record MailingRow(long State, long LastSubscriberId);

    private async Task<MailingRow?> MailingAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={seed.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT State, LastSubscriberId FROM Mailings";
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? new MailingRow(reader.GetInt64(0), reader.GetInt64(1)) : null;
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={seed.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<T> WaitAsync<T>(Func<Task<T?>> probe, string what, int seconds = 60, Func<Task<string>>? describe = null)
        where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            try
            {
                if (await probe() is { } found)
                {
                    return found;
                }
            }
            catch (SqliteException)
            {
                // The app holds the database for a moment (migrating, writing a batch).
            }

            if (DateTime.UtcNow >= deadline)
            {
                Assert.Fail($"timed out waiting for {what}: {(describe is null ? "" : await describe())}");
            }

            await Task.Delay(10);
        }
    }
}
