using Blog.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Blog.Web.Tests.Accounts;

/// <summary>What the console says on a blog's first start.</summary>
public sealed class FirstStartTests : IDisposable
{
    private readonly BlogFactory app = new() { SeedSampleContent = true, FromMigratedTemplate = false }; // a real first start: migrations too

    public void Dispose() => app.Dispose();

    [Fact]
    public void A_healthy_first_start_ends_with_the_boxed_setup_link_and_no_alarming_warnings()
    {
        _ = app.Services;

        var messages = app.Logs.Messages;
        var last = messages[^1];
        Assert.Contains("┌", last, StringComparison.Ordinal);
        Assert.Contains("/admin/setup?token=", last, StringComparison.Ordinal);
        Assert.Contains("Set up your blog", last, StringComparison.Ordinal);
        Assert.Contains(messages, m => m.StartsWith("Application started", StringComparison.Ordinal));
        Assert.DoesNotContain(messages, m => m.Contains("No XML encryptor", StringComparison.Ordinal));
        Assert.DoesNotContain(messages, m => m.Contains("cannot be executed in a transaction", StringComparison.Ordinal));
    }

    [Fact]
    public void In_production_the_setup_link_uses_the_public_address()
    {
        using var production = new BlogFactory { EnvironmentName = "Production", FromMigratedTemplate = false };
        using var proxied = production.WithWebHostBuilder(builder => builder.UseSetting("Blog:BaseUrl", "https://blog.example.com/"));

        _ = proxied.Services;

        var box = production.Logs.Messages.Single(m => m.Contains("/admin/setup?token=", StringComparison.Ordinal));
        Assert.Matches(@"│ https://blog\.example\.com/admin/setup\?token=[A-Za-z0-9_-]{40,} +│", box);
    }
}
