using Blog.Web.Data;
using Blog.Web.Seo;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Blog.Web.Areas.Admin.Pages.Account;

/// <summary>Two-factor authentication's state, with turning it off and making new recovery codes.</summary>
public sealed class TwoFactorModel(UserManager<BlogUser> users, SignInManager<BlogUser> signInManager) : PageModel, IHasPageMetadata
{
    public bool Enabled { get; private set; }

    public int RecoveryCodesLeft { get; private set; }

    public PageMetadata Metadata => new("Two-factor authentication");

    public async Task<IActionResult> OnGetAsync()
    {
        var owner = await users.GetUserAsync(User);
        if (owner is null)
        {
            return Challenge();
        }

        Enabled = await users.GetTwoFactorEnabledAsync(owner);
        RecoveryCodesLeft = Enabled ? await users.CountRecoveryCodesAsync(owner) : 0;
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        var owner = await users.GetUserAsync(User);
        if (owner is null)
        {
            return Challenge();
        }

        // A fresh key means the old app pairing (and anyone who copied the key) is useless if 2FA is turned on again.
        await users.SetTwoFactorEnabledAsync(owner, false);
        await users.ResetAuthenticatorKeyAsync(owner);
        await signInManager.RefreshSignInAsync(owner);
        TempData["StatusMessage"] = "Two-factor authentication is off.";
        return RedirectToPage("./Index");
    }

    public async Task<IActionResult> OnPostRegenerateCodesAsync()
    {
        var owner = await users.GetUserAsync(User);
        if (owner is null)
        {
            return Challenge();
        }

        if (!await users.GetTwoFactorEnabledAsync(owner))
        {
            return RedirectToPage();
        }

        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(owner, EnableAuthenticatorModel.RecoveryCodeCount);
        TempData[RecoveryCodesModel.TempDataKey] = codes?.ToArray() ?? [];
        TempData["StatusMessage"] = "New recovery codes made: the old ones no longer work.";
        return RedirectToPage("./RecoveryCodes");
    }
}
