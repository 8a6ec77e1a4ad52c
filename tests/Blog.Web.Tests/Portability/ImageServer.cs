using System.Net;
using Blog.Web.Tests.Infrastructure;

namespace Blog.Web.Tests.Portability;

/// <summary>A tiny web server on loopback that serves test images (and a few misbehaving addresses).</summary>
internal sealed class ImageServer : IDisposable
{
    public static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    private readonly HttpListener listener = new();

    public ImageServer()
    {
        var port = FreePort.Next();
        BaseUrl = $"http://127.0.0.1:{port}/";
        listener.Prefixes.Add(BaseUrl);
        listener.Start();
        _ = ServeAsync();
    }

    public string BaseUrl { get; }

    public int Requests { get; private set; }

    /// <summary>When set, image responses wait for it (30 s at most): a test can hold an import while it looks at it.</summary>
    public Task? Gate { get; set; }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            Requests++;
            var path = context.Request.Url!.AbsolutePath;
            var response = context.Response;
            if (path.EndsWith(".png", StringComparison.Ordinal) && !path.Contains("missing", StringComparison.Ordinal))
            {
                if (Gate is { } gate)
                {
                    await Task.WhenAny(gate, Task.Delay(TimeSpan.FromSeconds(30)));
                }

                var body = path.Contains("huge", StringComparison.Ordinal) ? new byte[200_000] : Png;
                response.ContentType = "image/png";
                await response.OutputStream.WriteAsync(body);
            }
            else if (path.EndsWith(".html", StringComparison.Ordinal))
            {
                response.ContentType = "text/html";
                await response.OutputStream.WriteAsync("<p>not an image</p>"u8.ToArray());
            }
            else
            {
                response.StatusCode = 404;
            }

            response.Close();
        }
    }

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
    }
}
