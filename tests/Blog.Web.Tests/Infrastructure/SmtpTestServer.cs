using System.Diagnostics;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Serialization;

namespace Blog.Web.Tests.Infrastructure;

/// <summary>
/// A real SMTP server for the tests: smtp4dev (a .NET tool restored from .config/dotnet-tools.json), on free ports,
/// keeping messages in memory, read back through its HTTP API. One per test class (a class fixture); it can be stopped
/// and started again on the same ports to play a mail server that is down and then recovers.
/// </summary>
public sealed class SmtpTestServer : IAsyncLifetime, IDisposable
{
    private readonly HttpClient api;
    private Process? process;

    public SmtpTestServer()
    {
        api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{WebPort}/"), Timeout = TimeSpan.FromSeconds(10) };
    }

    public int SmtpPort { get; } = FreePort.Next();

    public int WebPort { get; } = FreePort.Next();

    /// <summary>How many messages smtp4dev keeps (and lists): more for tests that count a large send.</summary>
    public int MessagesToKeep { get; init; } = 1000;

    /// <summary>What the app's configuration needs to send through this server (<c>Blog:Mail:Smtp:...</c>).</summary>
    public IEnumerable<KeyValuePair<string, string?>> AppSettings =>
    [
        new("Blog:Mail:Smtp:Host", "127.0.0.1"),
        new("Blog:Mail:Smtp:Port", SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Blog:Mail:Smtp:Security", "None"),
        new("Blog:Mail:Smtp:FromAddress", "blog@example.com"),
        new("Blog:Mail:Smtp:FromName", "The Blog"),
    ];

    public Task InitializeAsync() => StartAsync();

    public Task DisposeAsync() => StopAsync();

    public void Dispose()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
        }

        process?.Dispose();
        api.Dispose();
    }

    public async Task StartAsync()
    {
        if (process is { HasExited: false })
        {
            return;
        }

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "tool", "run", "smtp4dev", "--",
            $"--smtpport={SmtpPort}", $"--urls=http://127.0.0.1:{WebPort}", "--db=", "--imapport=", "--pop3port=",
            "--nousersettings", "--hostname=localhost", "--smtpallowanycredentials", "--SmtpAuthTypesNotSecure=PLAIN,LOGIN",
            $"--messagestokeep={MessagesToKeep}",
        })
        {
            start.ArgumentList.Add(argument);
        }

        process = Process.Start(start) ?? throw new InvalidOperationException("smtp4dev did not start");

        // Never outlive the test run, even when it ends without disposing its fixtures.
        var started = process;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                started.Kill(entireProcessTree: true);
            }
            catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Already gone.
            }
        };
        var said = new System.Collections.Concurrent.ConcurrentQueue<string>();
        void Keep(string? line)
        {
            if (line is not null)
            {
                said.Enqueue(line);
                while (said.Count > 20 && said.TryDequeue(out _))
                {
                }
            }
        }

        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            if (process.HasExited)
            {
                await Task.Delay(200); // the last lines it wrote
                throw new InvalidOperationException(
                    $"smtp4dev exited with {process.ExitCode} (is `dotnet tool restore` done?); it said:\n{string.Join('\n', said)}");
            }

            if (await AcceptsSmtpAsync() && await AnswersApiAsync())
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("smtp4dev did not become ready in 90 seconds");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Kills the server (its whole process tree); its port refuses connections until <see cref="StartAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (process is null)
        {
            return;
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        process = null;
    }

    public async Task<IReadOnlyList<ReceivedEmail>> MessagesAsync()
    {
        var page = await api.GetFromJsonAsync<MessagePage>($"api/messages?pageSize={MessagesToKeep}");
        return page?.Results ?? [];
    }

    /// <summary>Polls until <paramref name="count"/> messages arrived (or more), then returns them.</summary>
    public async Task<IReadOnlyList<ReceivedEmail>> WaitForMessagesAsync(int count = 1, Func<ReceivedEmail, bool>? where = null, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var messages = (await MessagesAsync()).Where(where ?? (_ => true)).ToList();
            if (messages.Count >= count || DateTime.UtcNow > deadline)
            {
                Assert.True(messages.Count >= count, $"expected {count} email(s) at smtp4dev, found {messages.Count}");
                return messages;
            }

            await Task.Delay(50);
        }
    }

    /// <summary>The message exactly as it arrived (headers and MIME parts).</summary>
    public Task<string> SourceAsync(string id) => api.GetStringAsync($"api/messages/{id}/raw");

    public async Task ClearAsync() => (await api.DeleteAsync("api/messages/*")).EnsureSuccessStatusCode();

    private async Task<bool> AcceptsSmtpAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", SmtpPort);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private async Task<bool> AnswersApiAsync()
    {
        try
        {
            using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            return (await api.GetAsync("api/messages", quick.Token)).IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
        {
            return false; // still starting
        }
    }

    private sealed record MessagePage([property: JsonPropertyName("results")] List<ReceivedEmail> Results);
}

/// <summary>One message as smtp4dev lists it.</summary>
public sealed record ReceivedEmail(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("from")] string From,
    [property: JsonPropertyName("to")] List<string> To,
    [property: JsonPropertyName("subject")] string Subject);
