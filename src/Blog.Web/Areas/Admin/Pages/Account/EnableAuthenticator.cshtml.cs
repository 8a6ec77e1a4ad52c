using System.ComponentModel.DataAnnotations;
using Blog.Web.Accounts;
using Blog.Web.Data;
using Blog.Web.Seo;
using Blog.Web.Settings;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Blog.Web.Areas.Admin.Pages.Account;

/// <summary>Pairs an authenticator app (QR code or typed key), and turns 2FA on once it has produced a valid code.</summary>
public sealed class EnableAuthenticatorModel(UserManager<BlogUser> users, SignInManager<BlogUser> signInManager, SiteContext site)
    : PageModel, IHasPageMetadata
{
    public const int RecoveryCodeCount = 10;

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string SharedKey { get; private set; } = "";

    public string QrCodeImage { get; private set; } = "";

    public PageMetadata Metadata => new("Turn on two-factor authentication");

    public async Task<IActionResult> OnGetAsync()
    {
        var owner = await users.GetUserAsync(User);
        if (owner is null)
        {
            return Challenge();
        }

        await LoadSharedKeyAsync(owner);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var owner = await users.GetUserAsync(User);
        if (owner is null)
        {
            return Challenge();
        }

        var code = Input.Code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (!ModelState.IsValid
            || !await users.VerifyTwoFactorTokenAsync(owner, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError("Input.Code", "That code is not valid. Check the app shows this blog, and enter its current code.");
            await LoadSharedKeyAsync(owner);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(owner, true);
        var recoveryCodes = await users.GenerateNewTwoFactorRecoveryCodesAsync(owner, RecoveryCodeCount);
        await signInManager.RefreshSignInAsync(owner);
        TempData[RecoveryCodesModel.TempDataKey] = recoveryCodes?.ToArray() ?? [];
        TempData["StatusMessage"] = "Two-factor authentication is on.";
        return RedirectToPage("./RecoveryCodes");
    }

    private async Task LoadSharedKeyAsync(BlogUser owner)
    {
        var key = await users.GetAuthenticatorKeyAsync(owner);
        if (string.IsNullOrEmpty(key))
        {
            // A new key changes the security stamp: re-issue this session's cookie so it is not signed out with the rest.
            await users.ResetAuthenticatorKeyAsync(owner);
            await signInManager.RefreshSignInAsync(owner);
            key = await users.GetAuthenticatorKeyAsync(owner) ?? "";
        }

        var chrome = await site.GetAsync(HttpContext.RequestAborted);
        SharedKey = AuthenticatorSetup.FormatKey(key);
        QrCodeImage = AuthenticatorSetup.QrCodeDataUri(AuthenticatorSetup.OtpAuthUri(chrome.Settings.BlogTitle, owner.Email ?? "owner", key));
    }

    public sealed class InputModel
    {
        [Required, StringLength(9, MinimumLength = 6), Display(Name = "Code from the app")]
        public string Code { get; set; } = "";
    }
}
