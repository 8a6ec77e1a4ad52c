using System.Diagnostics;
using System.Globalization;
using System.Net;
using Blog.Web.Addresses;
using Blog.Web.Subscriptions;
using Blog.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Blog.Web.Tests.Instances;

/// <summary>
/// Two real instances (the built Blog.Web.dll, each its own Kestrel process) on one PostgreSQL database, behind nginx
/// round-robin: what the owner saves through one is shown fresh by the other within a second, and when one is killed
/// (<c>kill -9</c>) in the middle of a mailing to many subscribers, the other finishes it and nobody gets an email twice.
/// </summary>
public sealed class BehindNginxTests : IAsyncLifetime, IDisposable
{
    private const int Subscribers = 1500;
    private readonly SmtpTestServer smtp = new() { MessagesToKeep = 4000 };
    // The seed only writes and reads the database: its own mailing worker must not take the mailing the test gives the
    // instances (it would begin a few seconds after the seed starts, once the mailing is there).
    private readonly PostgresBlogFactory seed = new() { ExtraServices = WithoutMailingWorker };
    private readonly List<Process> processes = [];
    private readonly System.Text.StringBuilder output = new();
    private NginxProxy? nginx;

    public Task InitializeAsync() => Task.CompletedTask; // the SMTP server starts when a test says so

    private static void WithoutMailingWorker(IServiceCollection services)
    {
        foreach (var worker in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(MailingWorker)).ToList())
        {
            services.Remove(worker);
        }
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

        nginx?.Dispose();
        nginx = null;
        await smtp.DisposeAsync();
        await seed.DisposeAsync();
    }

    public void Dispose()
    {
        smtp.Dispose();
        nginx?.Dispose();
        seed.Dispose();
    }

    [Fact]
    public async Task A_post_saved_through_one_instance_is_shown_fresh_by_the_other_and_through_nginx_within_a_second()
    {
        await seed.CreateOwnerAsync();
        var (one, other) = (Start(), Start());
        await StartNginxAsync(one, other);
        using var owner = Client(one, cookies: true);
        using var reader = Client(other);
        using var proxied = new HttpClient { BaseAddress = nginx!.Address };

        var signIn = await owner.SubmitFormAsync("/admin/account/login", new Dictionary<string, string>
        {
            ["Input.Email"] = OwnerSession.Email, ["Input.Password"] = OwnerSession.Password,
        }, formSelector: "#login-form");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var created = await owner.SubmitFormAsync("/admin/posts/new", new Dictionary<string, string>
        {
            ["Input.Title"] = "Served by two", ["Input.Body"] = "The first version.", ["action"] = "publish",
        }, "#content-editor");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = int.Parse(created.Headers.Location!.ToString().Split('/').Last(), CultureInfo.InvariantCulture);

        // The other instance has the page in its cache (and so, after a few round-robin reads, does nginx's every upstream).
        for (var i = 0; i < 3; i++)
        {
            Assert.Contains("The first version.", await reader.GetStringAsync("/blog/served-by-two"), StringComparison.Ordinal);
            Assert.Contains("The first version.", await proxied.GetStringAsync("/blog/served-by-two"), StringComparison.Ordinal);
        }

        var update = await owner.SubmitFormAsync(SitePaths.Admin.Post(id), new Dictionary<string, string> { ["Input.Body"] = "The second version.", ["action"] = "save" }, "#content-editor");
        Assert.Equal(HttpStatusCode.Redirect, update.StatusCode);
        var saved = Stopwatch.StartNew();
        while (!(await reader.GetStringAsync("/blog/served-by-two")).Contains("The second version.", StringComparison.Ordinal))
        {
            Assert.True(saved.Elapsed < TimeSpan.FromSeconds(1), $"the other instance still served the old page after {saved.Elapsed}");
            await Task.Delay(10);
        }

        var fresh = saved.Elapsed;
        for (var i = 0; i < 4; i++)
        {
            Assert.Contains("The second version.", await proxied.GetStringAsync("/blog/served-by-two"), StringComparison.Ordinal);
        }

        Assert.True(fresh < TimeSpan.FromSeconds(1), $"fresh after {fresh}");
        Console.WriteLine($"The other instance served the saved post fresh {fresh.TotalMilliseconds:0} ms after the save answered.");

        // The owner's sign-in holds on the other instance too: the keys that protect it are in the shared database.
        Assert.Equal(HttpStatusCode.OK, (await Client(other, owner)).StatusCode);
    }

    [Fact]
    public async Task An_instance_killed_mid_mailing_leaves_the_other_to_finish_it_with_nobody_mailed_twice()
    {
        await SeedMailingAsync();

        // The mail server is down at first, so the emails pile up and wait (no email can be half-sent when the kill lands).
        var instances = new[] { Start(), Start() };
        await StartNginxAsync(instances);
        var holder = await WaitAsync(async () => await MailingAsync() is { State: MailingState.Sending, LastSubscriberId: > 0 }
            ? await LeaseHolderAsync() : null, "the mailing to start");
        var victim = instances.Single(p => holder.Split('/')[1] == p.Id.ToString(CultureInfo.InvariantCulture));
        var survivor = instances.Single(p => p != victim);
        victim.Kill(); // SIGKILL: no shutdown, no lease released
        await victim.WaitForExitAsync();
        var atKill = await MailingAsync();
        var queuedAtKill = await seed.WithDbAsync((db, _) => db.OutboxMessages.CountAsync());
        Assert.True(atKill!.State != MailingState.Enqueued && queuedAtKill < Subscribers, $"the kill came too late to test anything ({atKill.State}, {queuedAtKill} queued)");

        // Readers behind nginx do not notice: the dead instance's requests go to the live one.
        using var proxied = new HttpClient { BaseAddress = nginx!.Address };
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await proxied.GetAsync("/blog/a-letter-to-many")).StatusCode);
        }

        // The survivor takes the mailing over once the dead holder's lease expires, and sends everything once the server is up.
        await smtp.StartAsync();
        await WaitAsync(async () => await seed.WithDbAsync((db, _) => db.OutboxMessages.CountAsync(m => m.Status == Blog.Web.Mail.OutboxStatus.Sent)) >= Subscribers
            ? "" : null, "every email to be sent", seconds: 180);
        await Task.Delay(500); // anything sent twice would arrive now

        var perAddress = (await smtp.MessagesAsync()).SelectMany(m => m.To).GroupBy(to => to, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(Subscribers, perAddress.Count);
        Assert.All(perAddress, pair => Assert.True(pair.Value == 1, $"{pair.Key} got {pair.Value} emails"));
        Assert.Equal(Subscribers, await seed.WithDbAsync((db, _) => db.OutboxMessages.CountAsync()));
        Assert.Equal((MailingState.Enqueued, Subscribers), ((await MailingAsync())!.State, (await MailingAsync())!.Enqueued));
        Assert.Contains($"/{survivor.Id.ToString(CultureInfo.InvariantCulture)}/", await LeaseHolderAsync(), StringComparison.Ordinal);
    }

    private async Task SeedMailingAsync()
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
                Email = $"many{i}@example.com", NormalizedEmail = $"many{i}@example.com", Status = SubscriberStatus.Confirmed, CreatedAt = now, ConfirmedAt = now,
            }));
            await db.SaveChangesAsync();
            db.Mailings.Add(new Mailing { Key = Mailing.KeyForPost(post.Id), Kind = MailingKind.Post, PostId = post.Id, CreatedAt = now, SiteOrigin = "https://blog.example.com" });
            await db.SaveChangesAsync();
            return 0;
        });
    }

    private Task<Mailing?> MailingAsync() => seed.WithDbAsync((db, _) => db.Mailings.AsNoTracking().SingleOrDefaultAsync());

    private Task<string?> LeaseHolderAsync() =>
        seed.WithDbAsync((db, _) => db.Leases.AsNoTracking().Where(l => l.Name == MailingWorker.LeaseName).Select(l => l.Holder).SingleOrDefaultAsync());

    /// <summary>
    /// Starts nginx once every instance answers: a request nginx passed to an instance still starting would mark it
    /// failed (<c>max_fails=1</c>) for ten seconds, and with both marked nginx answers 502 however soon they are up.
    /// </summary>
    private async Task StartNginxAsync(params Process[] instances)
    {
        foreach (var instance in instances)
        {
            await WaitAsync(async () =>
            {
                using var client = Client(instance);
                try
                {
                    return (await client.GetAsync("/")).StatusCode == HttpStatusCode.OK ? "" : null;
                }
                catch (HttpRequestException)
                {
                    return null;
                }
            }, "the instance to answer");
        }

        nginx = new NginxProxy(instances.Select(p => ports[p]));
        await nginx.WaitUntilListeningAsync();
    }

    private readonly Dictionary<Process, int> ports = [];

    private Process Start()
    {
        var port = FreePort.Next();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Blog.Web.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        var environment = new Dictionary<string, string>
        {
            // Testing: the dashboard's cookies work over the test's plain http (elsewhere they are Secure-only).
            ["ASPNETCORE_ENVIRONMENT"] = "Testing", ["DOTNET_ENVIRONMENT"] = "Testing",
            ["Blog__Database__Provider"] = "PostgreSQL", ["ConnectionStrings__Blog"] = seed.ConnectionString,
            ["Blog__SeedSampleContent"] = "false",
            ["Blog__Instances__LeaseDuration"] = "00:00:03",
            ["Blog__Subscriptions__BatchSize"] = "3", ["Blog__Subscriptions__PollInterval"] = "00:00:00.500",
            ["Blog__Mail__MessagesPerMinute"] = "1000000", ["Blog__Mail__BatchSize"] = "100", ["Blog__Mail__PollInterval"] = "00:00:01",
            ["Blog__Mail__RetryDelay"] = "00:00:00.500", ["Blog__Mail__MaxRetryDelay"] = "00:00:01", ["Blog__Mail__MaxAttempts"] = "100000",
            ["Blog__Mail__Lease"] = "00:00:05", ["Blog__Mail__Timeout"] = "00:00:03",
        };
        foreach (var (key, value) in smtp.AppSettings)
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value!;
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        var name = $"[{process.Id}] ";
        process.OutputDataReceived += (_, e) => { lock (output) { output.Append(name).Append(e.Data).Append('\n'); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.Append(name).Append(e.Data).Append('\n'); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        processes.Add(process);
        ports[process] = port;
        return process;
    }

    private HttpClient Client(Process instance, bool cookies = false) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = cookies })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{ports[instance]}/"),
        };

    private Task<HttpResponseMessage> Client(Process instance, HttpClient signedIn) =>
        signedIn.GetAsync(new Uri($"http://127.0.0.1:{ports[instance]}{SitePaths.Admin.Root}"));

    private async Task<T> WaitAsync<T>(Func<Task<T?>> probe, string what, int seconds = 60)
        where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            if (DateTime.UtcNow >= deadline)
            {
                string log;
                lock (output)
                {
                    log = output.ToString();
                }

                Assert.Fail($"timed out waiting for {what}:\n{log[Math.Max(0, log.Length - 6000)..]}");
            }

            await Task.Delay(10);
        }
    }
}
