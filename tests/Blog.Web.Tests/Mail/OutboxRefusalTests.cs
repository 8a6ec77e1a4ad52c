using System.Net;
using System.Net.Sockets;
using System.Text;
using Blog.Web.Mail;
using Blog.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Blog.Web.Tests.Mail;

/// <summary>A server that refuses a recipient for good (550): the email is marked failed at once, with the server's words.</summary>
public sealed class OutboxRefusalTests : IAsyncLifetime, IDisposable
{
    private readonly RefusingSmtpServer server = new();
    private readonly BlogFactory app = new();

    public Task InitializeAsync()
    {
        server.Start();
        app.Settings["Blog:Mail:Smtp:Host"] = "127.0.0.1";
        app.Settings["Blog:Mail:Smtp:Port"] = server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        app.Settings["Blog:Mail:Smtp:Security"] = "None";
        app.Settings["Blog:Mail:Smtp:FromAddress"] = "blog@example.com";
        app.Settings["Blog:Mail:Timeout"] = "00:00:05";
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        app.Dispose();
        server.Dispose();
    }

    [Fact]
    public async Task A_recipient_refused_with_a_5xx_is_failed_permanently_after_one_attempt()
    {
        await app.WithDbAsync((db, services) => services.GetRequiredService<Outbox>().EnqueueAndSaveAsync(db, MailApp.Email("refused:1", "nobody@example.com")));

        var deadline = DateTime.UtcNow.AddSeconds(20);
        OutboxMessage message;
        do
        {
            await Task.Delay(50);
            message = await app.WithDbAsync((db, _) => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.IdempotencyKey == "refused:1"));
        }
        while (message.Status != OutboxStatus.Failed && DateTime.UtcNow < deadline);

        Assert.Equal(OutboxStatus.Failed, message.Status);
        Assert.Equal(1, message.Attempts);
        Assert.Equal(550, message.ServerStatusCode);
        Assert.True(message.IsPermanentRefusal);
        Assert.Contains("User unknown", message.ServerResponse, StringComparison.Ordinal);
        Assert.Contains("550", message.LastError, StringComparison.Ordinal);
        Assert.Null(message.SentAt);
    }

    [Fact]
    public void Retry_delays_double_from_the_first_and_stop_at_the_cap()
    {
        var options = new MailOptions { RetryDelay = TimeSpan.FromMinutes(1), MaxRetryDelay = TimeSpan.FromHours(1) };
        Assert.Equal(
            [1, 2, 4, 8, 16, 32, 60, 60],
            Enumerable.Range(1, 8).Select(attempt => OutboxWorker.RetryDelay(attempt, options).TotalMinutes));
    }

    /// <summary>Just enough SMTP to refuse every recipient with "550 5.1.1 User unknown".</summary>
    private sealed class RefusingSmtpServer : IDisposable
    {
        private readonly TcpListener listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource stop = new();

        public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

        public void Start()
        {
            listener.Start();
            _ = Task.Run(AcceptAsync);
        }

        public void Dispose()
        {
            stop.Cancel();
            listener.Stop();
            listener.Dispose();
            stop.Dispose();
        }

        private async Task AcceptAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await listener.AcceptTcpClientAsync(stop.Token);
                }
                catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
                {
                    return;
                }

                _ = Task.Run(() => ConverseAsync(client));
            }
        }

        private async Task ConverseAsync(TcpClient client)
        {
            using (client)
            {
                try
                {
                    var stream = client.GetStream();
                    using var reader = new StreamReader(stream, Encoding.ASCII);
                    await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
                    await writer.WriteLineAsync("220 refusing.test ESMTP");
                    while (await reader.ReadLineAsync(stop.Token) is { } line)
                    {
                        var command = line.Split(' ', 2)[0].ToUpperInvariant();
                        switch (command)
                        {
                            case "EHLO" or "HELO":
                                await writer.WriteLineAsync("250 refusing.test");
                                break;
                            case "RCPT":
                                await writer.WriteLineAsync("550 5.1.1 User unknown");
                                break;
                            case "QUIT":
                                await writer.WriteLineAsync("221 bye");
                                return;
                            default:
                                await writer.WriteLineAsync("250 OK");
                                break;
                        }
                    }
                }
                catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
                {
                    // The client went away.
                }
            }
        }
    }
}
