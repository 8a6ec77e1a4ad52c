using System.ComponentModel.DataAnnotations;
using Blog.Web.Data;
using Blog.Web.Seo;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Blog.Web.Areas.Admin.Pages.Account;

/// <summary>The second step with one of the recovery codes shown when 2FA was turned on; each works once.</summary>
[AllowAnonymous]
public sealed class LoginWithRecoveryCodeModel(SignInManager<BlogUser> signInManager) : PageModel, IHasPageMetadata
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public PageMetadata Metadata => new("Recovery code");

    public async Task<IActionResult> OnGetAsync() =>
        await signInManager.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("./Login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (await signInManager.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return RedirectToPage("./Login");
        }

        var result = await signInManager.TwoFactorRecoveryCodeSignInAsync(Input.RecoveryCode.Replace(" ", "", StringComparison.Ordinal));
        if (result.Succeeded)
        {
            TempData["StatusMessage"] = "Signed in with a recovery code, which cannot be used again.";
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : SitePaths.Admin.Root);
        }

        ModelState.AddModelError(string.Empty, result.IsLockedOut
            ? "Too many failed attempts: this account is locked for 15 minutes."
            : "That recovery code is not valid, or has been used.");
        return Page();
    }

    public sealed class InputModel
    {
        [Required, StringLength(20), Display(Name = "Recovery code")]
        public string RecoveryCode { get; set; } = "";
    }
}
