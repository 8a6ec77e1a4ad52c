using System.Net;
using Blog.Web.Tests.Infrastructure;

namespace Blog.Web.Tests.Webmentions;

/// <summary>The endpoint cannot be used to fill the database: a per-address limit, and a bound on the waiting queue.</summary>
public sealed class WebmentionLimitTests : IDisposable
{
    private readonly BlogFactory app = new()
    {
        Settings =
        {
            ["Blog:Webmentions:MaxPerAddressPerHour"] = "3",
            ["Blog:Webmentions:MaxQueued"] = "2",
            ["Blog:Webmentions:WorkerEnabled"] = "false",
        },
    };

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task The_queue_bound_answers_503_and_the_per_address_limit_429_and_a_repeat_adds_nothing()
    {
        await app.AddPostAsync("Popular");
        var reader = app.CreateReader();
        const string target = "http://localhost/blog/popular";

        Assert.Equal(HttpStatusCode.Accepted, (await reader.SendWebmentionAsync("https://a.example/1", target)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await reader.SendWebmentionAsync("https://a.example/1", target)).StatusCode); // already waiting
        Assert.Equal(HttpStatusCode.Accepted, (await reader.SendWebmentionAsync("https://a.example/2", target)).StatusCode);
        var full = await reader.SendWebmentionAsync("https://a.example/3", target);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, full.StatusCode);
        Assert.NotNull(full.Headers.RetryAfter);
        Assert.Equal(2, (await app.ReceivedAsync()).Count);

        // The queue drained (the rows checked), the address still counts its hour.
        await app.WithDbAsync(async db =>
        {
            foreach (var row in db.ReceivedWebmentions)
            {
                row.State = Blog.Web.Webmentions.WebmentionState.Done;
            }

            await db.SaveChangesAsync();
        });
        Assert.Equal(HttpStatusCode.Accepted, (await reader.SendWebmentionAsync("https://a.example/3", target)).StatusCode);
        var limited = await reader.SendWebmentionAsync("https://a.example/4", target);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);

        app.Clock.Advance(TimeSpan.FromMinutes(61));
        Assert.Equal(HttpStatusCode.Accepted, (await reader.SendWebmentionAsync("https://a.example/4", target)).StatusCode);
    }
}
