using Blog.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Blog.Web.Tests.Infrastructure;

/// <summary>The blog's owner, signed in through the real log-in form.</summary>
public static class OwnerSession
{
    public const string Email = "owner@example.com";
    public const string Password = "correct horse battery staple";

    /// <summary>Creates the owner account directly in the database, as the set-up page or the CLI would.</summary>
    public static async Task<BlogUser> CreateOwnerAsync(this BlogFactory app, string email = Email, string password = Password)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<BlogUser>>();
        var owner = new BlogUser { UserName = email, Email = email, DisplayName = "The Owner", EmailConfirmed = true };
        var result = await users.CreateAsync(owner, password);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        return owner;
    }

    /// <summary>A client with its own cookies, signed in as the owner (creating the owner first when asked).</summary>
    public static async Task<HttpClient> SignInAsOwnerAsync(this BlogFactory app, bool createOwner = true)
    {
        if (createOwner)
        {
            await app.CreateOwnerAsync();
        }

        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var response = await client.SubmitFormAsync("/admin/account/login", new Dictionary<string, string>
        {
            ["Input.Email"] = Email,
            ["Input.Password"] = Password,
        }, formSelector: "#login-form");
        Assert.True(
            response.StatusCode == System.Net.HttpStatusCode.Redirect,
            $"signing in answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return client;
    }
}
