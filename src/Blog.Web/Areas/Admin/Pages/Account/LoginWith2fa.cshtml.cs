using System.ComponentModel.DataAnnotations;
using Blog.Web.Data;
using Blog.Web.Seo;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Blog.Web.Areas.Admin.Pages.Account;

/// <summary>The second step of signing in when two-factor authentication is on: a code from the authenticator app.</summary>
[AllowAnonymous]
public sealed class LoginWith2faModel(SignInManager<BlogUser> signInManager) : PageModel, IHasPageMetadata
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool RememberMe { get; set; }

    public PageMetadata Metadata => new("Authenticator code");

    public async Task<IActionResult> OnGetAsync() =>
        await signInManager.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("./Login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        // Without the first step's cookie (expired, or never signed in) there is nothing to complete.
        if (await signInManager.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return RedirectToPage("./Login");
        }

        var code = Input.Code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var result = await signInManager.TwoFactorAuthenticatorSignInAsync(code, RememberMe, rememberClient: false);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : SitePaths.Admin.Root);
        }

        ModelState.AddModelError(string.Empty, result.IsLockedOut
            ? "Too many failed attempts: this account is locked for 15 minutes."
            : "That code is not valid. Codes change every 30 seconds: try the current one.");
        return Page();
    }

    public sealed class InputModel
    {
        [Required, StringLength(9, MinimumLength = 6), Display(Name = "Authenticator code")]
        public string Code { get; set; } = "";
    }
}
