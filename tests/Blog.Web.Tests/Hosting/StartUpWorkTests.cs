using System.Net;
using System.Net.Sockets;
using System.Reflection;
using Blog.Web.Hosting;
using Blog.Web.Settings;
using Blog.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Razor.TagHelpers;
using Microsoft.AspNetCore.Mvc.ViewComponents;
using Microsoft.Extensions.DependencyInjection;

namespace Blog.Web.Tests.Hosting;

/// <summary>What start-up leaves for later: MVC's scan of the app's types, and the background workers' first passes.</summary>
public sealed class StartUpWorkTests : IClassFixture<BlogFactory>
{
    private readonly BlogFactory app;

    public StartUpWorkTests(BlogFactory app) => this.app = app;

    [Fact]
    public void Mvc_finds_in_the_narrowed_part_every_type_it_finds_in_the_whole_assembly()
    {
        var parts = app.Services.GetRequiredService<ApplicationPartManager>();
        Assert.DoesNotContain(parts.ApplicationParts, part => part is AssemblyPart whole && whole.Assembly == typeof(Program).Assembly);
        Assert.Contains(parts.ApplicationParts, part => part is SiteTypesPart);

        // The same features (the app's own types among them) from the framework's part for the whole assembly.
        var whole = new ApplicationPartManager();
        whole.ApplicationParts.Add(new AssemblyPart(typeof(Program).Assembly));
        foreach (var provider in parts.FeatureProviders)
        {
            whole.FeatureProviders.Add(provider);
        }

        Assert.Equal(Names<ControllerFeature>(whole, f => f.Controllers), Names<ControllerFeature>(parts, f => f.Controllers));
        Assert.Equal(Names<ViewComponentFeature>(whole, f => f.ViewComponents), Names<ViewComponentFeature>(parts, f => f.ViewComponents));
        var tagHelpers = Names<TagHelperFeature>(whole, f => f.TagHelpers);
        Assert.Equal(tagHelpers, Names<TagHelperFeature>(parts, f => f.TagHelpers));
        Assert.Contains(typeof(Blog.Web.Markdown.MarkdownTagHelper).FullName, tagHelpers);
    }

    [Fact]
    public async Task Workers_wait_for_the_first_response_then_begin_a_moment_later()
    {
        using var lifetime = new HandMovedLifetime();
        var start = new BackgroundStart(lifetime);
        var waiting = start.WaitAsync(CancellationToken.None);

        await Task.Delay(BackgroundStart.AfterFirstResponse * 2);
        Assert.False(waiting.IsCompleted, "the workers began before anything was served");

        start.ResponseSent();
        Assert.False(waiting.IsCompleted, "the workers began with the first response, not after it");
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Workers_begin_a_few_seconds_after_the_server_listens_when_nobody_asks()
    {
        using var lifetime = new HandMovedLifetime();
        var start = new BackgroundStart(lifetime);
        var waiting = start.WaitAsync(CancellationToken.None);

        await lifetime.StartedAsync();
        await Task.Delay(BackgroundStart.AfterFirstResponse);
        Assert.False(waiting.IsCompleted, "the workers began as the server started listening");
        await waiting.WaitAsync(BackgroundStart.AfterListening + TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Workers_waiting_to_begin_return_quietly_when_the_app_stops_first()
    {
        using var lifetime = new HandMovedLifetime();
        var start = new BackgroundStart(lifetime);
        var waiting = start.WaitAsync(lifetime.Stopping.Token);

        await lifetime.Stopping.CancelAsync();

        Assert.False(await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_busy_port_ends_the_app_with_what_to_do_and_no_worker_failure()
    {
        _ = app.Services;
        using var busy = new TcpListener(IPAddress.Loopback, FreePort.Next());
        busy.Start();
        var address = $"http://127.0.0.1:{((IPEndPoint)busy.LocalEndpoint).Port}";

        var (exitCode, output) = await app.RunCommandAsync(
            ["--urls", address], environment: new Dictionary<string, string> { ["Blog__SeedSampleContent"] = "false" });

        Assert.Equal(1, exitCode);
        Assert.Contains($"Failed to bind to address {address}: address already in use.", output, StringComparison.Ordinal);
        Assert.Contains("--urls http://localhost:5081", output, StringComparison.Ordinal);
        Assert.DoesNotContain("BackgroundService failed", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_app_counts_its_first_response()
    {
        var response = await app.CreateReader().GetAsync(new Uri("/", UriKind.Relative));

        response.EnsureSuccessStatusCode();
        var start = app.Services.GetRequiredService<BackgroundStart>();
        await start.WaitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(start.Answered);
    }

    private static string?[] Names<TFeature>(ApplicationPartManager parts, Func<TFeature, IEnumerable<TypeInfo>> types)
        where TFeature : new()
    {
        var feature = new TFeature();
        parts.PopulateFeature(feature);
        return [.. types(feature).Where(type => type.Assembly == typeof(Program).Assembly).Select(type => type.FullName).Order(StringComparer.Ordinal)];
    }
}
