using System.Buffers.Binary;
using System.Net;
using Blog.Web.Accounts;
using Blog.Web.Data;
using Blog.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Blog.Web.Tests.Accounts;

/// <summary>Sign-in on the app's own password hashing (600,000 iterations), which other test classes turn down.</summary>
public class LoginTests : IDisposable
{
    private readonly BlogFactory app;

    public LoginTests()
        : this(new BlogFactory { PasswordHashIterations = null })
    {
    }

    /// <summary>The same tests on another provider (LoginTestsOnPostgreSql).</summary>
    protected LoginTests(BlogFactory app) => this.app = app;

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

    private static async Task<string> ErrorsAsync(HttpResponseMessage response) =>
        Html.Parse(await response.BodyAsync()).Text("#login-form .form-errors");

    [Fact]
    public async Task Wrong_email_and_wrong_password_get_the_same_message()
    {
        await app.CreateOwnerAsync();

        var wrongEmail = await app.NewBrowser().SubmitLoginAsync(email: "nobody@example.com");
        var wrongPassword = await app.NewBrowser().SubmitLoginAsync(password: "not the right password");

        Assert.Equal(HttpStatusCode.OK, wrongEmail.StatusCode);
        Assert.Equal(HttpStatusCode.OK, wrongPassword.StatusCode);
        Assert.Equal(await ErrorsAsync(wrongEmail), await ErrorsAsync(wrongPassword));
        Assert.Contains("do not match", await ErrorsAsync(wrongEmail), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Five_failures_lock_the_account_for_15_minutes_even_against_the_right_password()
    {
        await app.CreateOwnerAsync();
        var client = app.NewBrowser();
        for (var i = 0; i < 5; i++)
        {
            await client.SubmitLoginAsync(password: "not the right password");
        }

        var duringLockout = await client.SubmitLoginAsync();

        Assert.Equal(HttpStatusCode.OK, duringLockout.StatusCode);
        Assert.Contains("locked for 15 minutes", await ErrorsAsync(duringLockout), StringComparison.Ordinal);

        // Identity's UserManager reads the system clock, not TimeProvider, so 15 minutes pass by moving the lockout end back.
        await app.WithDbAsync(async db =>
        {
            var owner = await db.Users.SingleAsync();
            Assert.InRange(owner.LockoutEnd!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
            owner.LockoutEnd = owner.LockoutEnd.Value.AddMinutes(-15);
            await db.SaveChangesAsync();
        });
        (await client.SubmitLoginAsync()).AssertRedirectsTo("/admin");
    }

    [Fact]
    public async Task Sign_in_posts_beyond_the_rate_limit_get_429()
    {
        using var limited = new BlogFactory { SignInRateLimit = 3, PasswordHashIterations = null };
        var client = limited.NewBrowser();
        var page = await client.GetDocumentAsync("/admin/account/login");
        var values = new Dictionary<string, string> { ["Input.Email"] = "a@example.com", ["Input.Password"] = "wrong password!" };

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await client.SubmitFormAsync(page, "/admin/account/login", values, "#login-form")).StatusCode);
        }

        var refused = await client.SubmitFormAsync(page, "/admin/account/login", values, "#login-form");
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Too many sign-in attempts", await refused.BodyAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/account/login")).StatusCode);
    }

    [Fact]
    public void Passwords_are_hashed_with_600000_iterations()
    {
        var options = app.Services.GetRequiredService<IOptions<PasswordHasherOptions>>().Value;

        Assert.Equal(600_000, options.IterationCount);
        Assert.True(options.IterationCount >= 210_000);
    }

    [Fact]
    public async Task Signing_in_upgrades_a_hash_made_with_fewer_iterations()
    {
        await app.CreateOwnerAsync();
        var weakHasher = new PasswordHasher<BlogUser>(Options.Create(new PasswordHasherOptions { IterationCount = 10_000 }));
        var oldHash = await app.WithDbAsync(async (db, _) =>
        {
            var owner = await db.Users.SingleAsync();
            owner.PasswordHash = weakHasher.HashPassword(owner, OwnerSession.Password);
            await db.SaveChangesAsync();
            return owner.PasswordHash;
        });
        Assert.Equal(10_000, IterationsOf(oldHash));

        (await app.NewBrowser().SubmitLoginAsync()).AssertRedirectsTo("/admin");

        var newHash = await app.WithDbAsync((db, _) => db.Users.Select(u => u.PasswordHash!).SingleAsync());
        Assert.NotEqual(oldHash, newHash);
        Assert.Equal(AccountServiceCollectionExtensions.PasswordHashIterations, IterationsOf(newHash));
    }

    [Fact]
    public async Task Auth_cookie_is_http_only_and_strict_and_keep_me_signed_in_lasts_two_weeks()
    {
        await app.CreateOwnerAsync();

        var session = await app.NewBrowser().SubmitLoginAsync();
        var persistent = await app.NewBrowser().SubmitLoginAsync(rememberMe: true);

        var sessionCookie = Assert.Single(session.Headers.GetValues("Set-Cookie"), c => c.StartsWith("blog-auth=", StringComparison.Ordinal));
        var persistentCookie = Assert.Single(persistent.Headers.GetValues("Set-Cookie"), c => c.StartsWith("blog-auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", sessionCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", sessionCookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expires=", sessionCookie, StringComparison.OrdinalIgnoreCase);
        var expires = DateTimeOffset.Parse(persistentCookie.Split("expires=", StringSplitOptions.None)[1].Split(';')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(app.Clock.GetUtcNow().AddDays(14), expires, TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task An_idle_session_ends_after_two_hours()
    {
        var client = await app.SignInAsOwnerAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin")).StatusCode);

        app.Clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));

        (await client.GetAsync("/admin")).AssertRedirectsTo("/admin/account/login");
    }

    /// <summary>The v3 format: 0x01, PRF, iteration count (bytes 5..8, big-endian), salt length, salt, subkey.</summary>
    private static int IterationsOf(string hash) => BinaryPrimitives.ReadInt32BigEndian(Convert.FromBase64String(hash).AsSpan(5, 4));
}

/// <summary>The same tests on PostgreSQL.</summary>
public sealed class LoginTestsOnPostgreSql() : LoginTests(new PostgresBlogFactory { PasswordHashIterations = null });
