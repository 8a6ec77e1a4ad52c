using System.Net;
using Blog.Web.Tests.Infrastructure;

namespace Blog.Web.Tests.Accounts;

/// <summary>Every form that changes something refuses a POST that lacks the antiforgery token.</summary>
public sealed class AntiforgeryTests : IDisposable
{
    private readonly BlogFactory app = new();

    public void Dispose() => app.Dispose();

    public static TheoryData<string> StateChangingPosts =>
    [
        "/admin/setup",
        "/admin/account/login",
        "/admin/account/login-2fa",
        "/admin/account/login-recovery",
        "/admin/account/logout",
        "/admin/account",
        "/admin/account/two-factor/enable",
        "/admin/account/two-factor?handler=Disable",
        "/admin/account/two-factor?handler=RegenerateCodes",
    ];

    [Theory]
    [MemberData(nameof(StateChangingPosts))]
    public async Task Post_without_an_antiforgery_token_is_refused(string path)
    {
        var owner = await app.SignInAsOwnerAsync();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = OwnerSession.Password,
            ["Input.Email"] = OwnerSession.Email,
            ["Input.Password"] = OwnerSession.Password,
            ["Input.Code"] = "123456",
        });

        var response = await owner.PostAsync(path, form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
