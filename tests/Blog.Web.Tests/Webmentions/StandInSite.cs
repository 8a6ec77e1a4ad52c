using System.Collections.Concurrent;
using Blog.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Blog.Web.Tests.Webmentions;

/// <summary>
/// Another site on the web, for webmentions: a real Kestrel on 127.0.0.1 serving the pages a test sets (with their
/// headers), a 410 page, an endless page that counts what it managed to send, and an endpoint that records what it is sent.
/// </summary>
internal sealed class StandInSite : IAsyncDisposable
{
    private readonly WebApplication app;

    private StandInSite(WebApplication app, int port)
    {
        this.app = app;
        Origin = $"http://127.0.0.1:{port}";
    }

    public string Origin { get; }

    /// <summary>Path → (content type, body, extra headers).</summary>
    public ConcurrentDictionary<string, (string Type, string Body, Dictionary<string, string>? Headers)> Pages { get; } = new();

    /// <summary>Every request the site received, by path.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>The forms posted to <c>/endpoint</c>.</summary>
    public ConcurrentQueue<IFormCollection> Received { get; } = new();

    /// <summary>Bytes <c>/huge</c> has written so far.</summary>
    public long HugeBytesSent;

    public const long HugeSize = 64L * 1024 * 1024;

    public string Url(string path) => Origin + path;

    public static async Task<StandInSite> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var site = new StandInSite(app, port);
        app.Use(async (context, next) =>
        {
            site.Requests.Enqueue(context.Request.Path.Value ?? "");
            await next(context);
        });
        app.MapPost("/endpoint", async (HttpRequest request) =>
        {
            site.Received.Enqueue(await request.ReadFormAsync());
            return Results.Accepted();
        });
        app.MapGet("/gone", () => Results.StatusCode(StatusCodes.Status410Gone));
        app.MapGet("/huge", async (HttpContext context) =>
        {
            // 64 MB at about 6 MB a second: a reader that took it all would need ten seconds. (Kestrel may accept writes
            // after the reader hung up, so the count alone cannot prove the reader stopped; the pace can.)
            context.Response.ContentType = "text/html";
            var chunk = System.Text.Encoding.UTF8.GetBytes("<p>" + new string('x', (64 * 1024) - 8) + "</p>\n");
            try
            {
                while (site.HugeBytesSent < HugeSize && !context.RequestAborted.IsCancellationRequested)
                {
                    await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                    Interlocked.Add(ref site.HugeBytesSent, chunk.Length);
                    await Task.Delay(10, context.RequestAborted);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException)
            {
                // The reader hung up: what the test wants to see.
            }
        });
        app.MapFallback((HttpContext context) =>
        {
            if (!site.Pages.TryGetValue(context.Request.Path.Value ?? "", out var page))
            {
                return Results.NotFound();
            }

            foreach (var (name, value) in page.Headers ?? [])
            {
                context.Response.Headers.Append(name, value);
            }

            return Results.Text(page.Body, page.Type);
        });
        await app.StartAsync();
        return site;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
