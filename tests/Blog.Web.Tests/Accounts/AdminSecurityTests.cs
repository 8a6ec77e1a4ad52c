using System.Net;
using System.Text.RegularExpressions;
using Blog.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Blog.Web.Tests.Accounts;

public sealed partial class AdminSecurityTests : IDisposable
{
    private readonly BlogFactory app = new();

    public void Dispose() => app.Dispose();

    /// <summary>Every page of the admin area, from the app's own endpoint list: a new page cannot be missed.</summary>
    private List<(string Url, bool IsOpen)> AdminPages()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        var pages = endpoints
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>()?.AreaName == "Admin")
            .Select(e => (Url: "/" + RouteParameter().Replace(e.RoutePattern.RawText!.TrimStart('/'), SampleValue).Replace("/1?", "", StringComparison.Ordinal).TrimEnd('/'),
                IsOpen: e.Metadata.GetMetadata<IAllowAnonymous>() is not null))
            .DistinctBy(p => p.Url)
            .ToList();
        Assert.True(pages.Count >= 8, $"expected the admin pages, found: {string.Join(", ", pages)}");
        return pages;
    }

    [Fact]
    public async Task Every_admin_page_not_marked_anonymous_sends_a_visitor_to_the_log_in_page()
    {
        await app.AddPostAsync("Existing");
        var anonymous = app.CreateReader();

        foreach (var (url, _) in AdminPages().Where(p => !p.IsOpen))
        {
            foreach (var method in new[] { HttpMethod.Get, HttpMethod.Post })
            {
                using var request = new HttpRequestMessage(method, url);
                var response = await anonymous.SendAsync(request);
                Assert.True(
                    response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/admin/account/login", StringComparison.Ordinal),
                    $"{method} {url} answered {(int)response.StatusCode} {response.Headers.Location}");
            }
        }
    }

    [Fact]
    public async Task Every_admin_post_without_an_antiforgery_token_is_refused()
    {
        await app.AddPostAsync("Existing");
        var owner = await app.SignInAsOwnerAsync();

        foreach (var (url, _) in AdminPages())
        {
            using var content = new FormUrlEncodedContent([new("action", "publish"), new("Input.Title", "x"), new("Input.Key", "post:1")]);
            var response = await owner.PostAsync(url, content);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"POST {url} without a token answered {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task A_draft_preview_is_for_the_owner_only()
    {
        var draft = await app.AddPostAsync("Secret draft", draft: true, body: "Not yet.");
        var owner = await app.SignInAsOwnerAsync();

        var preview = await owner.GetDocumentAsync($"/admin/posts/{draft.Id}/preview");
        var anonymous = await app.CreateReader().GetAsync($"/admin/posts/{draft.Id}/preview");

        Assert.Equal("Secret draft", preview.Text("h1"));
        Assert.NotNull(preview.QuerySelector("#preview-banner"));
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateReader().GetAsync("/blog/secret-draft")).StatusCode);
    }

    /// <summary>A value each route parameter accepts: "posts" for a section, 1 for anything else (ids, page numbers).</summary>
    private static string SampleValue(Match parameter) =>
        parameter.Value.StartsWith("{section", StringComparison.Ordinal) ? "posts" : "1";

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}
