using System.Net;
using Blog.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Blog.Web.Tests.Site;

public sealed class ErrorPageTests : IDisposable
{
    private readonly FailingApp app = new();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task Unknown_addresses_get_the_friendly_404_page_in_the_site_layout()
    {
        var response = await app.CreateReader().GetAsync("/no/such/page");
        var page = Html.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("This page isn’t here", page.Text("h1"));
        Assert.NotNull(page.QuerySelector(".site-nav"));
    }

    [Fact]
    public async Task A_failure_gets_a_500_page_without_a_stack_trace()
    {
        var response = await app.CreateReader().GetAsync("/test/throw");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("Something went wrong", html, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Boom from a test", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", Html.Parse(html).Text("main"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Garbage_in_route_values_is_a_404_not_an_error()
    {
        var reader = app.CreateReader();

        foreach (var url in new[] { "/page/99999999999", "/archive/0/1", "/archive/2026/0", "/blog/tag/%F0%9F%98%80" })
        {
            var status = (await reader.GetAsync(url)).StatusCode;
            Assert.True(status == HttpStatusCode.NotFound, $"{url} answered {(int)status}");
        }
    }

    /// <summary>The app with one extra endpoint that fails, to see what a reader gets when something breaks.</summary>
    private sealed class FailingApp : BlogFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new ThrowingEndpoint()));
        }
    }

    private sealed class ThrowingEndpoint : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Map("/test/throw", branch => branch.Run(_ => throw new InvalidOperationException("Boom from a test")));
        };
    }
}
