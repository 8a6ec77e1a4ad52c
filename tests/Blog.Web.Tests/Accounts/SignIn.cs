using System.Net;
using Blog.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Blog.Web.Tests.Accounts;

/// <summary>Signing in through the real forms, for tests that need more than <see cref="OwnerSession"/>.</summary>
internal static class SignIn
{
    public static HttpClient NewBrowser(this BlogFactory app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public static Task<HttpResponseMessage> SubmitLoginAsync(
        this HttpClient client, string email = OwnerSession.Email, string password = OwnerSession.Password, bool rememberMe = false)
    {
        var values = new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password };
        if (rememberMe)
        {
            values["Input.RememberMe"] = "true";
        }

        return client.SubmitFormAsync("/admin/account/login", values, formSelector: "#login-form");
    }

    public static async Task<string> BodyAsync(this HttpResponseMessage response) => await response.Content.ReadAsStringAsync();

    public static void AssertRedirectsTo(this HttpResponseMessage response, string pathStart)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"expected a redirect, got {(int)response.StatusCode}");
        var location = response.Headers.Location!;
        Assert.StartsWith(pathStart, location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString, StringComparison.OrdinalIgnoreCase);
    }
}
