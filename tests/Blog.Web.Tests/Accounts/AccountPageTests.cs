using System.Net;
using Blog.Web.Tests.Infrastructure;

namespace Blog.Web.Tests.Accounts;

public sealed class AccountPageTests : IDisposable
{
    private readonly BlogFactory app = new();

    public void Dispose() => app.Dispose();

    private static Dictionary<string, string> Change(string current, string next) => new()
    {
        ["Input.CurrentPassword"] = current,
        ["Input.NewPassword"] = next,
        ["Input.ConfirmPassword"] = next,
    };

    [Fact]
    public async Task Account_page_is_for_the_owner_only()
    {
        var response = await app.CreateReader().GetAsync("/admin/account");

        response.AssertRedirectsTo("/admin/account/login");
    }

    [Fact]
    public async Task Password_change_signs_out_other_sessions_and_keeps_this_one()
    {
        var other = await app.SignInAsOwnerAsync();
        var self = await app.SignInAsOwnerAsync(createOwner: false);

        var changed = await self.SubmitFormAsync("/admin/account", Change(OwnerSession.Password, "an entirely new passphrase"), "#change-password-form");
        changed.AssertRedirectsTo("/admin/account");
        var status = (await self.GetDocumentAsync("/admin/account")).Text("#status-message");
        app.Clock.Advance(TimeSpan.FromMinutes(2)); // past the security stamp's validation interval

        (await other.GetAsync("/admin")).AssertRedirectsTo("/admin/account/login");
        Assert.Equal(HttpStatusCode.OK, (await self.GetAsync("/admin")).StatusCode);
        Assert.Contains("password has been changed", status, StringComparison.Ordinal);
        (await app.NewBrowser().SubmitLoginAsync(password: "an entirely new passphrase")).AssertRedirectsTo("/admin");
    }

    [Fact]
    public async Task Password_change_requires_the_current_password_and_the_rules()
    {
        var owner = await app.SignInAsOwnerAsync();

        var wrongCurrent = await owner.SubmitFormAsync("/admin/account", Change("not my password at all", "an entirely new passphrase"), "#change-password-form");
        var common = await owner.SubmitFormAsync("/admin/account", Change(OwnerSession.Password, "1q2w3e4r5t6y"), "#change-password-form");

        Assert.Equal(HttpStatusCode.OK, wrongCurrent.StatusCode);
        Assert.Contains("not your current password", await wrongCurrent.BodyAsync(), StringComparison.Ordinal);
        Assert.Contains("most common passwords", await common.BodyAsync(), StringComparison.Ordinal);
        (await app.NewBrowser().SubmitLoginAsync()).AssertRedirectsTo("/admin");
    }
}
