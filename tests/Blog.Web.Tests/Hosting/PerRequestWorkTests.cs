using System.Diagnostics;
using Blog.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Blog.Web.Tests.Hosting;

/// <summary>
/// What the hosting does for every request before the app sees it. A kept page costs little more than writing its
/// bytes, so the framework's per-request diagnostics (an <see cref="Activity"/> and a log scope, made whenever its
/// diagnostics logger is enabled at any level) are left off unless something listens; failures are still logged.
/// </summary>
public sealed class PerRequestWorkTests : IClassFixture<BlogFactory>
{
    private readonly BlogFactory app;

    public PerRequestWorkTests(BlogFactory app) => this.app = app;

    [Fact]
    public async Task A_request_gets_no_activity_when_nothing_listens()
    {
        var probe = new Probe();
        using var probed = app.WithWebHostBuilder(builder => builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(probe)));

        var response = await probed.CreateClient().GetAsync(new Uri("/", UriKind.Relative));

        response.EnsureSuccessStatusCode();
        Assert.True(probe.Seen, "the probe saw no request");
        Assert.Null(probe.Activity);
        Assert.False(probe.HadActivityFeature, "the hosting made an activity for the request");
    }

    [Fact]
    public void The_hosts_failures_and_the_apps_errors_are_still_logged()
    {
        var loggers = app.Services.GetRequiredService<ILoggerFactory>();

        Assert.False(loggers.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Critical));

        // A server that cannot start ("Hosting failed to start", with the exception), an unhandled request error, the app's own.
        Assert.True(loggers.CreateLogger("Microsoft.Extensions.Hosting.Internal.Host").IsEnabled(LogLevel.Error));
        Assert.True(loggers.CreateLogger("Microsoft.AspNetCore.Diagnostics.ExceptionHandlerMiddleware").IsEnabled(LogLevel.Error));
        Assert.True(loggers.CreateLogger("Microsoft.AspNetCore.Server.Kestrel").IsEnabled(LogLevel.Error));
        Assert.True(loggers.CreateLogger("Blog.Web.Caching.CacheWarmUp").IsEnabled(LogLevel.Warning));
    }

    private sealed class Probe : IStartupFilter
    {
        public bool Seen { get; private set; }

        public Activity? Activity { get; private set; }

        public bool HadActivityFeature { get; private set; }

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => builder =>
        {
            builder.Use((HttpContext context, RequestDelegate rest) =>
            {
                Seen = true;
                Activity = Activity.Current;
                HadActivityFeature = context.Features.Get<IHttpActivityFeature>() is not null;
                return rest(context);
            });
            next(builder);
        };
    }
}
