using System.Diagnostics;
using System.Globalization;

namespace Blog.Web.Tests.Infrastructure;

/// <summary>
/// nginx (Debian's package: /usr/sbin/nginx, or <c>BLOG_TEST_NGINX</c>) as a load balancer in front of several app
/// instances, round-robin, from a config in a temporary folder, on a free loopback port; tests/run.sh installs it.
/// A request an instance cannot take (it died) goes to the next one, as a production proxy would do.
/// </summary>
public sealed class NginxProxy : IDisposable
{
    private readonly Process process;
    private readonly string folder;

    public NginxProxy(IEnumerable<int> upstreamPorts)
    {
        var binary = Find() ?? throw new InvalidOperationException(
            "The several-instances test needs nginx: none at /usr/sbin/nginx or in BLOG_TEST_NGINX. Install Debian's nginx package (`bash tests/run.sh` does it).");
        folder = Path.Combine(Path.GetTempPath(), $"blog-nginx-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        Port = FreePort.Next();
        var servers = string.Concat(upstreamPorts.Select(p => string.Create(CultureInfo.InvariantCulture, $"    server 127.0.0.1:{p} max_fails=1 fail_timeout=10s;\n")));
        File.WriteAllText(Path.Combine(folder, "nginx.conf"), $$"""
            worker_processes 1;
            daemon off;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;
            events { worker_connections 256; }
            http {
              access_log off;
              client_body_temp_path {{folder}}/body;
              proxy_temp_path {{folder}}/proxy;
              fastcgi_temp_path {{folder}}/fastcgi;
              uwsgi_temp_path {{folder}}/uwsgi;
              scgi_temp_path {{folder}}/scgi;
              upstream blog {
            {{servers}}  }
              server {
                listen 127.0.0.1:{{Port}};
                location / {
                  proxy_pass http://blog;
                  proxy_set_header Host $host:$server_port;
                  proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                  proxy_set_header X-Forwarded-Proto $scheme;
                  proxy_connect_timeout 2s;
                  proxy_next_upstream error timeout http_502 http_503;
                }
              }
            }
            """);
        var start = new ProcessStartInfo(binary) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "-c", Path.Combine(folder, "nginx.conf"), "-p", folder })
        {
            start.ArgumentList.Add(argument);
        }

        process = Process.Start(start) ?? throw new InvalidOperationException("nginx did not start");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Port { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}/");

    /// <summary>Waits until nginx answers (any status: the upstreams may still be starting).</summary>
    public async Task WaitUntilListeningAsync()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                await client.GetAsync(Address);
                return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(50);
            }
            catch (HttpRequestException e)
            {
                var log = Path.Combine(folder, "error.log");
                throw new InvalidOperationException($"nginx did not start: {(File.Exists(log) ? File.ReadAllText(log) : "")}", e);
            }
        }
    }

    private static string? Find()
    {
        var configured = Environment.GetEnvironmentVariable("BLOG_TEST_NGINX");
        return new[] { configured, "/usr/sbin/nginx", "/usr/bin/nginx" }.FirstOrDefault(p => !string.IsNullOrEmpty(p) && File.Exists(p));
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }

        process.Dispose();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // nginx's worker may still hold a temp folder for a moment: it is in the temp folder anyway.
        }
        catch (UnauthorizedAccessException)
        {
            // Made by nginx's worker user: left in the temp folder.
        }
    }
}
