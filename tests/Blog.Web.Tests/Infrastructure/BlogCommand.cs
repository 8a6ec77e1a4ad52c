using System.Diagnostics;

namespace Blog.Web.Tests.Infrastructure;

/// <summary>
/// Runs the app's command line (<c>dotnet Blog.Web.dll admin …</c>, <c>import …</c>, <c>backup …</c>) for real, as its
/// own process in the Production environment, against the test's database.
/// </summary>
public static class BlogCommand
{
    /// <param name="watch">Runs beside the process while it lives (reading its memory from /proc, say).</param>
    public static async Task<(int ExitCode, string Output)> RunCommandAsync(
        this BlogFactory app,
        IEnumerable<string> args,
        string? input = null,
        IReadOnlyDictionary<string, string>? environment = null,
        Func<Process, Task>? watch = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardInput = input is not null,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Blog.Web.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ConnectionStrings__Blog"] = $"Data Source={app.DatabasePath}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        if (input is not null)
        {
            await process.StandardInput.WriteLineAsync(input);
            process.StandardInput.Close();
        }

        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        var watching = watch?.Invoke(process) ?? Task.CompletedTask;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        await watching;
        return (process.ExitCode, await output + await error);
    }
}
