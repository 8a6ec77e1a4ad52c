using Blog.Web.Data;
using Blog.Web.Seo;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using SignInResult = Microsoft.AspNetCore.Identity.SignInResult;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Blog.Web.Areas.Admin.Pages.Account;

/// <summary>
/// The second step of signing in when two-factor authentication is on, whatever the code (an authenticator app's, or
/// a recovery code): only after the first step, locked out like the first step, back to where the owner was going.
/// </summary>
public abstract class SecondSignInStepModel(SignInManager<BlogUser> signInManager) : PageModel, IHasPageMetadata
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public abstract PageMetadata Metadata { get; }

    /// <summary>What the owner is told when the code is refused (and the account is not locked).</summary>
    protected abstract string CodeRefused { get; }

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

        var result = await SignInAsync(signInManager);
        if (result.Succeeded)
        {
            SignedIn();
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : SitePaths.Admin.Root);
        }

        ModelState.AddModelError(string.Empty, result.IsLockedOut
            ? "Too many failed attempts: this account is locked for 15 minutes."
            : CodeRefused);
        return Page();
    }

    /// <summary>Signs in with the code the form holds.</summary>
    protected abstract Task<SignInResult> SignInAsync(SignInManager<BlogUser> signInManager);

    /// <summary>Anything to tell the owner once signed in.</summary>
    protected virtual void SignedIn()
    {
    }
}
