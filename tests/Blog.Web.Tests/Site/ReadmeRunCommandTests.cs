using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Blog.Web.Tests.Infrastructure;

namespace Blog.Web.Tests.Site;

/// <summary>
/// The first thing a new user does: the README's run command, in a clean copy of the repository with no data folder.
/// It runs as Development (scope validation on, the repository's development settings), which no other test host is.
/// </summary>
public sealed partial class ReadmeRunCommandTests : IDisposable
{
    private readonly string copy = Path.Combine(Path.GetTempPath(), "blog-web-tests", "readme-" + Guid.NewGuid().ToString("N"));
    private readonly StringBuilder output = new();
    private Process? blog;

    [Fact]
    public async Task The_run_command_starts_a_working_blog_and_prints_the_set_up_link()
    {
        var command = RunCommandFromReadme();
        CopyRepository(RepositoryRoot.Path, copy);
        var port = FreePort.Next();
        var origin = $"http://127.0.0.1:{port}";

        // The port is the one liberty taken: the README's command runs on 5080, which a developer's own blog may hold.
        blog = Start($"{command} -- --urls {origin}");
        var setUpLink = await WaitForSetUpLinkAsync(TimeSpan.FromMinutes(8)); // it builds the copy first
        using var reader = new HttpClient { BaseAddress = new Uri(origin) };

        var home = await GetOkAsync(reader, "/");
        var document = Html.Parse(home);
        var post = document.QuerySelector("main a[href^='/blog/']")!.GetAttribute("href")!;
        var postPage = Html.Parse(await GetOkAsync(reader, post));
        var tag = postPage.QuerySelector("a[href^='/blog/tag/']")!.GetAttribute("href")!;
        await GetOkAsync(reader, tag);
        var search = Html.Parse(await GetOkAsync(reader, "/search?q=markdown"));
        await GetOkAsync(reader, "/feed/rss");
        await GetOkAsync(reader, document.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!);

        Assert.StartsWith(origin + "/admin/setup?token=", setUpLink, StringComparison.Ordinal);
        Assert.NotEmpty(search.QuerySelectorAll(".search-result a[href^='/blog/']"));
        Assert.True(File.Exists(Path.Combine(copy, "src", "Blog.Web", "data", "blog.db")), "the blog's file is made in its fresh data folder");
        Assert.DoesNotContain("Unhandled exception", Output(), StringComparison.Ordinal);
    }

    /// <summary>The line of the README's first command block that runs the blog.</summary>
    private static string RunCommandFromReadme()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "README.md"));
        var line = RunLine().Match(readme);
        Assert.True(line.Success, "README.md gives no `dotnet run` command");
        return line.Groups["command"].Value.Trim();
    }

    /// <summary>What a clone would hold: the tracked files (and new ones not ignored), never bin, obj or data.</summary>
    private static void CopyRepository(string from, string to)
    {
        foreach (var relative in RepositoryFiles(from))
        {
            var source = Path.Combine(from, relative);
            if (!File.Exists(source))
            {
                continue; // deleted in the work tree, not yet committed
            }

            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target);
        }
    }

    private static List<string> RepositoryFiles(string root)
    {
        var git = new ProcessStartInfo("git", "ls-files -z --cached --others --exclude-standard")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(git)!;
        var listing = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, "git ls-files failed in " + root);
        return [.. listing.Split('\0', StringSplitOptions.RemoveEmptyEntries)];
    }

    private Process Start(string command)
    {
        var info = new ProcessStartInfo("bash", ["-c", command])
        {
            WorkingDirectory = copy,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        info.Environment.Remove("ConnectionStrings__Blog");
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task<string> WaitForSetUpLinkAsync(TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline && blog is { HasExited: false })
        {
            var link = SetUpLink().Match(Output());
            if (link.Success)
            {
                return link.Value;
            }

            await Task.Delay(250);
        }

        var how = blog is { HasExited: true } ? $"the command exited with {blog.ExitCode}" : $"still waiting after {limit}";
        throw new Xunit.Sdk.XunitException($"No set-up link was printed ({how}). The console:\n{Output()}");
    }

    private async Task<string> GetOkAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}. The console:\n{Output()}");
        return body;
    }

    private void Append(string? line)
    {
        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private string Output()
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    public void Dispose()
    {
        if (blog is { HasExited: false })
        {
            blog.Kill(entireProcessTree: true);
            blog.WaitForExit(10_000);
        }

        blog?.Dispose();
        try
        {
            Directory.Delete(copy, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [GeneratedRegex(@"^(?<command>dotnet run [^#\n]*)#[^\n]*run the blog", RegexOptions.Multiline)]
    private static partial Regex RunLine();

    [GeneratedRegex(@"https?://[^\s]+/admin/setup\?token=[A-Za-z0-9_\-]+")]
    private static partial Regex SetUpLink();
}
