using System.Diagnostics;
using System.Net;
using Blog.Web.Tests.Infrastructure;

namespace Blog.Web.Tests.Site;

/// <summary>The app as it is deployed: <c>dotnet publish</c> output, started as its own process.</summary>
public sealed class PublishedAppTests : IAsyncLifetime
{
    private readonly string workDir = Path.Combine(Path.GetTempPath(), "blog-web-tests", "published-" + Guid.NewGuid().ToString("N"));
    private Process? server;
    private string output = "";

    private string PublishDir => Path.Combine(workDir, "app");

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        if (server is { HasExited: false })
        {
            server.Kill(entireProcessTree: true);
            server.WaitForExit(5000);
        }

        server?.Dispose();
        try
        {
            Directory.Delete(workDir, recursive: true);
        }
        catch (IOException)
        {
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task Published_app_starts_on_a_fresh_database_and_serves_fingerprinted_assets_cached_as_immutable()
    {
        await RunAsync("dotnet", $"publish \"{Path.Combine(RepositoryRoot.Path, "src", "Blog.Web")}\" -c Release -o \"{PublishDir}\" --nologo -v q");
        var port = FreePort.Next();
        var baseAddress = $"http://127.0.0.1:{port}";
        server = Start("dotnet", $"Blog.Web.dll --urls {baseAddress}", PublishDir, new()
        {
            ["ConnectionStrings__Blog"] = $"Data Source={Path.Combine(workDir, "data", "blog.db")}",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
        });
        using var client = new HttpClient { BaseAddress = new Uri(baseAddress) };

        var home = await WaitForAsync(client, "/");
        var stylesheet = Html.Parse(home).QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!;
        using var request = new HttpRequestMessage(HttpMethod.Get, stylesheet);
        request.Headers.AcceptEncoding.ParseAdd("br");
        var css = await client.SendAsync(request);

        Assert.Contains("Welcome to your new blog", home, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(workDir, "data", "blog.db")));
        Assert.Matches(@"^/css/site\.[a-z0-9]+\.css$", stylesheet);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Contains("immutable", css.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.True(css.Headers.CacheControl?.MaxAge >= TimeSpan.FromDays(365));
        Assert.Equal("br", Assert.Single(css.Content.Headers.ContentEncoding));
        Assert.False(File.Exists(Path.Combine(PublishDir, "appsettings.Development.json")), "development settings must not be published");
    }

    private async Task<string> WaitForAsync(HttpClient client, string path)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                var response = await client.GetAsync(path);
                if (response.IsSuccessStatusCode)
                {
                    return await response.Content.ReadAsStringAsync();
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && server is { HasExited: false })
            {
            }

            if (DateTime.UtcNow >= deadline || server is { HasExited: true })
            {
                throw new Xunit.Sdk.XunitException($"The published app did not answer {path}. Its output:\n{output}");
            }

            await Task.Delay(250);
        }
    }

    private Process Start(string file, string arguments, string? workingDirectory = null, Dictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = workingDirectory ?? workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in environment ?? [])
        {
            info.Environment[key] = value;
        }

        Directory.CreateDirectory(info.WorkingDirectory);
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => output += e.Data + "\n";
        process.ErrorDataReceived += (_, e) => output += e.Data + "\n";
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task RunAsync(string file, string arguments)
    {
        using var process = Start(file, arguments);
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{file} {arguments} failed:\n{output}");
    }
}
