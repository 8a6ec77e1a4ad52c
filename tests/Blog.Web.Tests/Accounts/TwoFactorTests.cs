using System.Net;
using Blog.Web.Tests.Infrastructure;

namespace Blog.Web.Tests.Accounts;

public sealed class TwoFactorTests : IDisposable
{
    private readonly BlogFactory app = new();

    public void Dispose() => app.Dispose();

    /// <summary>Turns 2FA on through the pages, as the owner would with an app; returns the shared key and recovery codes.</summary>
    private static async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> EnableAsync(HttpClient owner)
    {
        var page = await owner.GetDocumentAsync("/admin/account/two-factor/enable");
        var key = page.Text("#shared-key");
        Assert.StartsWith("data:image/png;base64,", page.QuerySelector("#qr-code")!.GetAttribute("src"), StringComparison.Ordinal);

        var enabled = await owner.SubmitFormAsync(page, "/admin/account/two-factor/enable",
            new Dictionary<string, string> { ["Input.Code"] = Totp.Code(key, DateTimeOffset.UtcNow) }, "#enable-2fa-form");
        enabled.AssertRedirectsTo("/admin/account/two-factor/recovery-codes");
        var codes = (await owner.GetDocumentAsync("/admin/account/two-factor/recovery-codes")).Texts("#recovery-codes kbd");
        Assert.Equal(10, codes.Count);
        return (key, codes);
    }

    [Fact]
    public async Task Enabling_requires_a_valid_code_from_the_app()
    {
        var owner = await app.SignInAsOwnerAsync();

        var response = await owner.SubmitFormAsync("/admin/account/two-factor/enable",
            new Dictionary<string, string> { ["Input.Code"] = "000000" }, "#enable-2fa-form");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("That code is not valid", await response.BodyAsync(), StringComparison.Ordinal);
        Assert.Contains("Off", (await owner.GetDocumentAsync("/admin/account/two-factor")).Text("#two-factor-status"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_2fa_on_signing_in_asks_for_an_authenticator_code()
    {
        var (key, _) = await EnableAsync(await app.SignInAsOwnerAsync());
        var client = app.NewBrowser();

        var password = await client.SubmitLoginAsync();
        password.AssertRedirectsTo("/admin/account/login-2fa");
        (await client.GetAsync("/admin")).AssertRedirectsTo("/admin/account/login");
        var wrong = await client.SubmitFormAsync(password.Headers.Location!.OriginalString,
            new Dictionary<string, string> { ["Input.Code"] = "123456" }, "#two-factor-form");
        var right = await client.SubmitFormAsync(password.Headers.Location!.OriginalString,
            new Dictionary<string, string> { ["Input.Code"] = Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(30)) }, "#two-factor-form");

        Assert.Contains("That code is not valid", await wrong.BodyAsync(), StringComparison.Ordinal);
        right.AssertRedirectsTo("/admin");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once()
    {
        var (_, codes) = await EnableAsync(await app.SignInAsOwnerAsync());

        async Task<HttpResponseMessage> UseRecoveryCodeAsync()
        {
            var client = app.NewBrowser();
            (await client.SubmitLoginAsync()).AssertRedirectsTo("/admin/account/login-2fa");
            return await client.SubmitFormAsync("/admin/account/login-recovery",
                new Dictionary<string, string> { ["Input.RecoveryCode"] = codes[0] }, "#recovery-code-form");
        }

        (await UseRecoveryCodeAsync()).AssertRedirectsTo("/admin");
        var reused = await UseRecoveryCodeAsync();

        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        Assert.Contains("not valid, or has been used", await reused.BodyAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Turning_2fa_off_and_making_new_recovery_codes_work_from_the_manage_page()
    {
        var owner = await app.SignInAsOwnerAsync();
        var (_, oldCodes) = await EnableAsync(owner);

        (await owner.SubmitFormAsync("/admin/account/two-factor", new Dictionary<string, string>(), "#regenerate-codes-form"))
            .AssertRedirectsTo("/admin/account/two-factor/recovery-codes");
        var newCodes = (await owner.GetDocumentAsync("/admin/account/two-factor/recovery-codes")).Texts("#recovery-codes kbd");
        (await owner.SubmitFormAsync("/admin/account/two-factor", new Dictionary<string, string>(), "#disable-2fa-form"))
            .AssertRedirectsTo("/admin/account");

        Assert.Equal(10, newCodes.Count);
        Assert.Empty(newCodes.Intersect(oldCodes));
        Assert.Contains("Off", (await owner.GetDocumentAsync("/admin/account")).Text("#two-factor-status"), StringComparison.Ordinal);
        (await app.NewBrowser().SubmitLoginAsync()).AssertRedirectsTo("/admin");
    }
}
