using System.Net;
using Blog.Web.Security;
using Blog.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.HttpsPolicy;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Blog.Web.Tests.Accounts;

public sealed class SecurityHeadersTests : IDisposable
{
    private readonly BlogFactory app = new();

    public void Dispose() => app.Dispose();

    public static TheoryData<string> Pages => ["/", "/admin/account/login", "/admin", "/admin/account", "/no-such-page"];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        var client = await app.SignInAsOwnerAsync();

        var response = await client.GetAsync(path);

        Assert.Equal(SecurityHeadersMiddleware.ContentSecurityPolicy, string.Join(",", response.Headers.GetValues("Content-Security-Policy")));
        Assert.Contains("frame-ancestors 'none'", SecurityHeadersMiddleware.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Contains("camera=()", Assert.Single(response.Headers.GetValues("Permissions-Policy")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/admin/account/login")]
    [InlineData("/admin/account")]
    [InlineData("/admin/account/two-factor")]
    [InlineData("/admin/account/two-factor/enable")]
    public async Task Account_pages_have_no_inline_script_or_style(string path)
    {
        var client = await app.SignInAsOwnerAsync();

        var page = await client.GetDocumentAsync(path);

        Assert.Empty(page.QuerySelectorAll("script:not([src]), style, [style]"));
        Assert.DoesNotContain(page.All.SelectMany(e => e.Attributes), a => a.Name.StartsWith("on", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Outside_development_https_responses_carry_hsts_and_cookies_are_host_prefixed_and_secure()
    {
        using var production = new BlogFactory
        {
            EnvironmentName = "Production",
            // UseHsts leaves out localhost by default; the test server's host is localhost.
            ExtraServices = services => services.Configure<HstsOptions>(o => o.ExcludedHosts.Clear()),
        };
        await production.CreateOwnerAsync();
        var client = production.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"),
            AllowAutoRedirect = false,
        });

        var login = await client.GetAsync("/admin/account/login");
        var signedIn = await client.SubmitLoginAsync();

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.StartsWith("max-age=", Assert.Single(login.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
        var antiforgery = Assert.Single(login.Headers.GetValues("Set-Cookie"), c => c.Contains("blog-antiforgery=", StringComparison.Ordinal));
        Assert.StartsWith("__Host-blog-antiforgery=", antiforgery, StringComparison.Ordinal);
        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        var auth = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.Contains("blog-auth=", StringComparison.Ordinal));
        Assert.StartsWith("__Host-blog-auth=", auth, StringComparison.Ordinal);
        Assert.Contains("secure", auth, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", auth, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/;", auth + ";", StringComparison.OrdinalIgnoreCase);
        Assert.All(login.Headers.GetValues("Set-Cookie").Concat(signedIn.Headers.GetValues("Set-Cookie")),
            cookie => Assert.StartsWith("__Host-", cookie, StringComparison.Ordinal));
    }
}
