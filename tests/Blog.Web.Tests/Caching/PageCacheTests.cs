using System.Net;
using System.Net.Http.Headers;
using Blog.Web.Tests.Infrastructure;
using static Blog.Web.Tests.Caching.PageCacheResponses;

namespace Blog.Web.Tests.Caching;

public sealed class PageCacheTests : IDisposable
{
    private readonly BlogFactory app = new();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task A_public_page_is_served_from_the_cache_until_content_changes()
    {
        await app.AddPostAsync("First");
        var reader = app.CreateReader();

        var first = await reader.GetAsync("/");
        var second = await reader.GetAsync("/");
        await app.AddPostAsync("Second");
        var afterSave = await reader.GetAsync("/");

        Assert.False(FromCache(first));
        Assert.True(FromCache(second));
        Assert.False(FromCache(afterSave));
        Assert.Contains("Second", await afterSave.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scheduled_post_appears_at_its_time_on_a_cached_home_page()
    {
        await app.AddPostAsync("Now");
        await app.AddPostAsync("Later", app.UtcNow.AddMinutes(10));
        var reader = app.CreateReader();
        await reader.GetAsync("/");
        Assert.True(FromCache(await reader.GetAsync("/")));

        app.Clock.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(["Later", "Now"], (await reader.GetDocumentAsync("/")).Texts(".post-card__title"));
    }

    [Fact]
    public async Task A_revisit_with_the_etag_gets_304()
    {
        await app.AddPostAsync("Cached");
        var reader = app.CreateReader();
        var first = await reader.GetAsync("/blog/cached");

        using var revisit = new HttpRequestMessage(HttpMethod.Get, "/blog/cached");
        revisit.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        var response = await reader.SendAsync(revisit);

        Assert.NotNull(first.Headers.ETag);
        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
    }

    [Fact]
    public async Task The_signed_in_owner_is_never_served_from_or_stored_in_the_cache()
    {
        await app.AddPostAsync("Mine");
        var owner = await app.SignInAsOwnerAsync();

        await owner.GetAsync("/");
        var again = await owner.GetAsync("/");
        var reader = await app.CreateReader().GetAsync("/");

        Assert.False(FromCache(again));
        Assert.False(FromCache(reader)); // the owner's views were not stored for readers either
    }

    [Fact]
    public async Task Not_found_pages_are_not_cached_and_appear_once_published()
    {
        var reader = app.CreateReader();
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/blog/soon")).StatusCode);

        await app.AddPostAsync("Soon");

        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/blog/soon")).StatusCode);
    }

    [Fact]
    public async Task Public_html_is_compressed_and_the_dashboard_is_not()
    {
        await app.AddPostAsync("Squeezed", body: string.Join(' ', Enumerable.Repeat("compressible words", 500)));
        var owner = await app.SignInAsOwnerAsync();

        var page = await Get(app.CreateReader(), "/blog/squeezed");
        var dashboard = await Get(owner, "/admin");

        Assert.Equal("br", Assert.Single(page.Content.Headers.ContentEncoding));
        Assert.Empty(dashboard.Content.Headers.ContentEncoding);

        static Task<HttpResponseMessage> Get(HttpClient client, string url)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
            return client.SendAsync(request);
        }
    }
}
