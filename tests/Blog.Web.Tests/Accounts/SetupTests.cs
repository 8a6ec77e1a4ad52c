using System.Net;
using System.Text.RegularExpressions;
using Blog.Web.Accounts;
using Blog.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Blog.Web.Tests.Accounts;

public partial class SetupTests : IDisposable
{
    private readonly BlogFactory app;

    public SetupTests()
        : this(new BlogFactory())
    {
    }

    /// <summary>The same tests on another provider (SetupTestsOnPostgreSql).</summary>
    protected SetupTests(BlogFactory app) => this.app = app;

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            app.Dispose();
        }
    }

    private string SetupPathFromLog()
    {
        _ = app.Services; // starts the app, which prints the link
        var line = Assert.Single(app.Logs.Messages, m => m.Contains("setup", StringComparison.Ordinal));
        return TokenLink().Match(line) is { Success: true } match
            ? match.Value
            : throw new Xunit.Sdk.XunitException("No set-up link in: " + line);
    }

    private static Dictionary<string, string> Owner(string password = "a quiet lake at dawn", string email = "me@example.com") => new()
    {
        ["Input.DisplayName"] = "Me",
        ["Input.Email"] = email,
        ["Input.Password"] = password,
        ["Input.ConfirmPassword"] = password,
    };

    [Fact]
    public void Start_without_an_owner_prints_one_setup_link_with_the_in_memory_token()
    {
        var link = SetupPathFromLog();

        Assert.Equal($"/admin/setup?token={app.Services.GetRequiredService<SetupToken>().Value}", link);
        Assert.True(app.Services.GetRequiredService<SetupToken>().Value!.Length >= 40);
    }

    [Fact]
    public async Task Setup_creates_the_owner_who_can_then_sign_in()
    {
        var client = app.NewBrowser();

        var response = await client.SubmitFormAsync(SetupPathFromLog(), Owner(), "#setup-form");

        response.AssertRedirectsTo("/admin");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin")).StatusCode);
        (await app.NewBrowser().SubmitLoginAsync("me@example.com", "a quiet lake at dawn")).AssertRedirectsTo("/admin");
    }

    [Fact]
    public async Task Setup_refuses_a_wrong_token_with_a_clear_message()
    {
        var link = SetupPathFromLog();
        var client = app.NewBrowser();
        var page = await client.GetDocumentAsync(link);
        page.QuerySelector("input[name=Token]")!.SetAttribute("value", "not-the-token");

        var get = await client.GetAsync("/admin/setup?token=wrong");
        var post = await client.SubmitFormAsync(page, "/admin/setup", Owner(), "#setup-form");

        Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Contains("set-up link is not valid", await post.BodyAsync(), StringComparison.Ordinal);
        Assert.False(await app.Services.CreateScope().ServiceProvider.GetRequiredService<OwnerAccount>().ExistsAsync());
    }

    [Fact]
    public async Task Setup_token_works_only_once()
    {
        var link = SetupPathFromLog();
        var first = app.NewBrowser();
        var second = app.NewBrowser();
        var secondPage = await second.GetDocumentAsync(link);

        (await first.SubmitFormAsync(link, Owner(), "#setup-form")).AssertRedirectsTo("/admin");
        var again = await second.SubmitFormAsync(secondPage, link, Owner(email: "intruder@example.com"), "#setup-form");

        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Null(app.Services.GetRequiredService<SetupToken>().Value);
        var owners = await app.WithDbAsync((db, _) => Task.FromResult(db.Users.Select(u => u.Email).ToList()));
        Assert.Equal(["me@example.com"], owners);
    }

    [Fact]
    public async Task Setup_token_is_useless_once_an_owner_exists()
    {
        var link = SetupPathFromLog();
        await app.CreateOwnerAsync();

        var response = await app.CreateReader().GetAsync(link);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Start_with_an_owner_prints_no_setup_link()
    {
        await app.CreateOwnerAsync();
        using var restarted = app.OnTheSameDatabase();

        _ = restarted.Services;

        Assert.DoesNotContain(restarted.Logs.Messages, m => m.Contains("setup", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Setup_refuses_a_common_password_in_any_letter_case()
    {
        var response = await app.NewBrowser().SubmitFormAsync(SetupPathFromLog(), Owner(password: "QWERTY123456"), "#setup-form");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("most common passwords", await response.BodyAsync(), StringComparison.Ordinal);
        Assert.NotNull(app.Services.GetRequiredService<SetupToken>().Value);
    }

    [Fact]
    public async Task Setup_refuses_a_password_shorter_than_12_characters()
    {
        var response = await app.NewBrowser().SubmitFormAsync(SetupPathFromLog(), Owner(password: "eleven char"), "#setup-form");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("at least 12 characters", await response.BodyAsync(), StringComparison.Ordinal);
        Assert.False(await app.Services.CreateScope().ServiceProvider.GetRequiredService<OwnerAccount>().ExistsAsync());
    }

    [GeneratedRegex(@"/admin/setup\?token=[A-Za-z0-9_-]+")]
    private static partial Regex TokenLink();
}

/// <summary>The same tests on PostgreSQL.</summary>
public sealed partial class SetupTestsOnPostgreSql() : SetupTests(new PostgresBlogFactory());
