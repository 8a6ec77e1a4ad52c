using System.ComponentModel.DataAnnotations;
using Blog.Web.Data;
using Blog.Web.Seo;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using SignInResult = Microsoft.AspNetCore.Identity.SignInResult;

namespace Blog.Web.Areas.Admin.Pages.Account;

/// <summary>The second step with one of the recovery codes shown when 2FA was turned on; each works once.</summary>
[AllowAnonymous]
public sealed class LoginWithRecoveryCodeModel(SignInManager<BlogUser> signInManager) : SecondSignInStepModel(signInManager)
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public override PageMetadata Metadata => new("Recovery code");

    protected override string CodeRefused => "That recovery code is not valid, or has been used.";

    protected override Task<SignInResult> SignInAsync(SignInManager<BlogUser> signInManager) =>
        signInManager.TwoFactorRecoveryCodeSignInAsync(Input.RecoveryCode.Replace(" ", "", StringComparison.Ordinal));

    protected override void SignedIn() => TempData["StatusMessage"] = "Signed in with a recovery code, which cannot be used again.";

    public sealed class InputModel
    {
        [Required, StringLength(20), Display(Name = "Recovery code")]
        public string RecoveryCode { get; set; } = "";
    }
}
