using System.ComponentModel.DataAnnotations;
using Blog.Web.Data;
using Blog.Web.Seo;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using SignInResult = Microsoft.AspNetCore.Identity.SignInResult;

namespace Blog.Web.Areas.Admin.Pages.Account;

/// <summary>The second step of signing in when two-factor authentication is on: a code from the authenticator app.</summary>
[AllowAnonymous]
public sealed class LoginWith2faModel(SignInManager<BlogUser> signInManager) : SecondSignInStepModel(signInManager)
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public bool RememberMe { get; set; }

    public override PageMetadata Metadata => new("Authenticator code");

    protected override string CodeRefused => "That code is not valid. Codes change every 30 seconds: try the current one.";

    protected override Task<SignInResult> SignInAsync(SignInManager<BlogUser> signInManager) =>
        signInManager.TwoFactorAuthenticatorSignInAsync(
            Input.Code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal), RememberMe, rememberClient: false);

    public sealed class InputModel
    {
        [Required, StringLength(9, MinimumLength = 6), Display(Name = "Authenticator code")]
        public string Code { get; set; } = "";
    }
}
