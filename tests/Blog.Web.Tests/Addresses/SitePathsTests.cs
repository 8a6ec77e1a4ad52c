using System.Net;
using Blog.Web.Addresses;
using Blog.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Blog.Web.Tests.Addresses;

/// <summary>Every address <see cref="SitePaths"/> builds reaches a route, and no static page can take a route's place.</summary>
public sealed class SitePathsTests : IDisposable
{
    private readonly BlogFactory app = new();

    public void Dispose() => app.Dispose();

    [Fact]
    public void Slugs_are_escaped_once_in_every_address()
    {
        Assert.Equal("/blog/caf%C3%A9%20%2F%20bar", SitePaths.Post("café / bar"));
        Assert.Equal("/blog/tag/a%3Fb", SitePaths.Tag("a?b"));
        Assert.Equal("/blog/category/a%23b/page/2", SitePaths.Category("a#b", 2));
        Assert.Equal("/a%2Fb", SitePaths.Page("a/b"));
        Assert.Equal("/search?q=a%26b&page=3", SitePaths.Search("a&b", 3));
        Assert.Equal("/blog/tag/x/feed/atom", SitePaths.FeedOf(SitePaths.Tag("x"), "atom"));
        Assert.Equal("/", SitePaths.HomePage(1));
        Assert.Equal("/page/2", SitePaths.HomePage(2));
    }

    [Fact]
    public async Task Every_public_address_is_answered()
    {
        await app.AddPostAsync("Harbour light", category: "Travel", tags: ["boats"], publishAtUtc: new DateTime(2026, 5, 3, 9, 0, 0, DateTimeKind.Utc));
        await app.AddStaticPageAsync("About");
        var reader = app.CreateReader();

        string[] addresses =
        [
            SitePaths.Home, SitePaths.Archive, SitePaths.ArchiveYear(2026), SitePaths.ArchiveMonth(2026, 5),
            SitePaths.Post("harbour-light"), SitePaths.Page("about"), SitePaths.Tag("boats"), SitePaths.Category("travel"),
            SitePaths.Search("harbour"), SitePaths.BlogRss, SitePaths.BlogAtom, SitePaths.FeedOf(SitePaths.Tag("boats"), "rss"),
            SitePaths.FeedOf(SitePaths.Category("travel"), "atom"), SitePaths.Sitemap, SitePaths.Robots,
        ];
        foreach (var address in addresses)
        {
            var response = await reader.GetAsync(address);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{address}: {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Every_admin_address_leads_an_anonymous_reader_to_the_sign_in_page_and_the_owner_to_a_page()
    {
        await app.AddPostAsync("Harbour light");
        var owner = await app.SignInAsOwnerAsync();
        var id = await app.WithDbAsync(async (db, _) => await db.Posts.Select(p => p.Id).SingleAsync());
        var reader = app.CreateReader();

        string[] addresses =
        [
            SitePaths.Admin.Root, SitePaths.Admin.Posts, SitePaths.Admin.PostsWithStatus("draft"), SitePaths.Admin.NewPost,
            SitePaths.Admin.Post(id), SitePaths.Admin.PostPreview(id), SitePaths.Admin.History("posts", id), SitePaths.Admin.Pages,
            SitePaths.Admin.NewPage, SitePaths.Admin.Media, SitePaths.Admin.Trash, SitePaths.Admin.Settings, SitePaths.Admin.Import,
            SitePaths.Admin.Export, SitePaths.Admin.Backup, SitePaths.Admin.Account,
        ];
        foreach (var address in addresses)
        {
            var anonymous = await reader.GetAsync(address);
            Assert.True(anonymous.StatusCode == HttpStatusCode.Redirect && anonymous.Headers.Location!.AbsolutePath == SitePaths.Admin.Login,
                $"{address}: {(int)anonymous.StatusCode} {anonymous.Headers.Location}");
            var signedIn = await owner.GetAsync(address);
            Assert.True(signedIn.StatusCode == HttpStatusCode.OK, $"{address} (owner): {(int)signedIn.StatusCode}");
        }
    }

    [Fact]
    public void The_reserved_segments_are_the_first_segments_of_the_apps_own_routes()
    {
        var reserved = app.Services.GetRequiredService<ReservedSegments>();
        var firstLiterals = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.PathSegments is [{ IsSimple: true, Parts: [RoutePatternLiteralPart literal] }, ..] ? literal.Content : null)
            .OfType<string>().Distinct().ToList();

        Assert.Contains("admin", firstLiterals);
        Assert.All(firstLiterals, segment => Assert.Contains(segment, reserved.All));
        Assert.All(["admin", "archive", "blog", "page", "error", "search", "feed", "media", "css", "js", "icons"], segment => Assert.Contains(segment, reserved.All));
    }

    [Theory]
    [InlineData("feed")]
    [InlineData("search")]
    [InlineData("css")]
    [InlineData("media")]
    [InlineData("robots-txt")]
    public async Task A_static_page_cannot_shadow_a_route(string slug)
    {
        var owner = await app.SignInAsOwnerAsync();

        var response = await owner.SubmitFormAsync(SitePaths.Admin.NewPage, new Dictionary<string, string>
        {
            ["Input.Title"] = "Clash",
            ["Input.Slug"] = slug,
            ["action"] = "publish",
        }, "#content-editor");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("cannot be a page address", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(async (db, _) => await db.StaticPages.CountAsync()));
    }
}
