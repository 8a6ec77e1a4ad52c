using System.Net;
using Blog.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Tests.Settings;

public sealed class SettingsTests : IDisposable
{
    private readonly BlogFactory app = new();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task Saved_settings_show_on_the_public_site_at_once()
    {
        await app.AddPostAsync("A post");
        var owner = await app.SignInAsOwnerAsync();
        await app.CreateReader().GetDocumentAsync("/"); // the site's chrome is now cached

        var response = await owner.SubmitFormAsync("/admin/settings", new Dictionary<string, string>
        {
            ["Input.BlogTitle"] = "Salt & Silver",
            ["Input.Tagline"] = "Photographs from the coast",
            ["Input.AuthorName"] = "Mara",
            ["Input.Language"] = "fr",
            ["Input.TimeZoneId"] = "Europe/Paris",
            ["Input.SocialLinks"] = "Instagram https://instagram.example/mara\nMastodon https://social.example/@mara",
        }, "#settings-form");
        var home = await app.CreateReader().GetDocumentAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("Salt & Silver", home.Text(".site-title"));
        Assert.Equal("Photographs from the coast", home.Text(".site-tagline"));
        Assert.Equal("fr", home.DocumentElement.GetAttribute("lang"));
        Assert.Equal(["Instagram", "Mastodon"], home.Texts(".social-links a"));
        Assert.Equal("1 juin 2026", home.Text(".post-card time"));
    }

    [Fact]
    public async Task The_time_zone_is_chosen_from_a_searchable_list_of_iana_zones()
    {
        var owner = await app.SignInAsOwnerAsync();

        var page = await owner.GetDocumentAsync("/admin/settings");
        var zones = page.QuerySelectorAll("datalist#time-zones option").Select(o => o.GetAttribute("value")!).ToList();

        Assert.Equal("time-zones", page.QuerySelector("#Input_TimeZoneId")!.GetAttribute("list"));
        Assert.Contains("Europe/Paris", zones);
        Assert.Contains("America/New_York", zones);
        Assert.Equal("UTC", zones[0]);
        Assert.All(zones.Skip(1), zone => Assert.Matches("^[A-Z][A-Za-z_-]+/[A-Za-z_/+-]+$", zone));
        Assert.Contains("Europe/Paris (UTC+01:00)", page.QuerySelectorAll("datalist#time-zones option").Select(o => o.GetAttribute("label")));
    }

    [Fact]
    public async Task A_new_blog_takes_the_servers_time_zone()
    {
        using var paris = new BlogFactory();
        paris.Clock.SetLocalTimeZone(TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"));

        var settings = await paris.WithDbAsync((db, _) => db.SiteSettings.SingleAsync());

        Assert.Equal("Europe/Paris", settings.TimeZoneId);
    }

    [Fact]
    public async Task Bad_settings_get_clear_messages_and_change_nothing()
    {
        var owner = await app.SignInAsOwnerAsync();
        await app.UpdateSettingsAsync(s => s.BlogTitle = "Kept");

        var response = await owner.SubmitFormAsync("/admin/settings", new Dictionary<string, string>
        {
            ["Input.BlogTitle"] = "Changed",
            ["Input.TimeZoneId"] = "Mars/Olympus_Mons",
            ["Input.PostsPerPage"] = "0",
            ["Input.SocialLinks"] = "Evil javascript:alert(1)",
        }, "#settings-form");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Choose a time zone from the list", html, StringComparison.Ordinal);
        Assert.Contains("is not “Label https://address”", html, StringComparison.Ordinal);
        Assert.Equal("Kept", (await app.CreateReader().GetDocumentAsync("/")).Text(".site-title"));
    }

    [Fact]
    public async Task The_public_address_and_feed_content_are_settings_and_a_bad_address_is_refused()
    {
        var owner = await app.SignInAsOwnerAsync();

        var bad = await owner.SubmitFormAsync("/admin/settings", new Dictionary<string, string> { ["Input.BaseUrl"] = "javascript:alert(1)" }, "#settings-form");
        var good = await owner.SubmitFormAsync("/admin/settings", new Dictionary<string, string>
        {
            ["Input.BaseUrl"] = "https://blog.example.com/",
            ["Input.FeedFullContent"] = "false",
        }, "#settings-form");
        var form = await owner.GetDocumentAsync("/admin/settings");
        var robots = await app.CreateReader().GetStringAsync("/robots.txt");

        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("starting with https:// or http://", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        Assert.Equal("https://blog.example.com", form.QuerySelector("#Input_BaseUrl")!.GetAttribute("value"));
        Assert.Null(form.QuerySelector("#Input_FeedFullContent")!.GetAttribute("checked"));
        Assert.Contains("Sitemap: https://blog.example.com/sitemap.xml", robots, StringComparison.Ordinal);
    }
}
