using System.ComponentModel.DataAnnotations;
using Blog.Web.Accounts;
using Blog.Web.Seo;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Blog.Web.Areas.Admin.Pages.Account;

/// <summary>Creates the blog's owner, once, for whoever holds the set-up link the app printed at start.</summary>
[AllowAnonymous]
public sealed class SetupModel(OwnerAccount account, SetupToken setupToken, SignInManager<Data.BlogUser> signInManager)
    : PageModel, IHasPageMetadata
{
    public const string InvalidToken =
        "This set-up link is not valid (or has been used). Restart the blog and use the new link it prints, or run `Blog.Web admin set-password`.";

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool TokenAccepted { get; private set; }

    public PageMetadata Metadata => new("Set up your blog");

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await account.ExistsAsync(cancellationToken))
        {
            return NotFound();
        }

        return ShowForm();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await account.ExistsAsync(cancellationToken))
        {
            return NotFound();
        }

        if (!setupToken.Matches(Token) || !ModelState.IsValid)
        {
            return ShowForm();
        }

        IdentityResult? result = null;
        var redeemed = await setupToken.RedeemAsync(Token, async () =>
        {
            result = await account.CreateAsync(Input.DisplayName, Input.Email, Input.Password, cancellationToken);
            return result.Succeeded;
        });
        if (redeemed is null)
        {
            return ShowForm();
        }

        foreach (var error in result?.Errors ?? [])
        {
            ModelState.AddModelError(error.Code.Contains("Password", StringComparison.Ordinal) ? "Input.Password" : string.Empty, error.Description);
        }

        if (redeemed is false)
        {
            return ShowForm();
        }

        await signInManager.PasswordSignInAsync(Input.Email, Input.Password, isPersistent: false, lockoutOnFailure: false);
        TempData["StatusMessage"] = "Your blog is set up, and you are signed in.";
        return RedirectToPage("/Index", new { area = "Admin" });
    }

    /// <summary>A wrong or spent token gets the explanation and a 403, never the form.</summary>
    private PageResult ShowForm()
    {
        TokenAccepted = setupToken.Matches(Token);
        if (!TokenAccepted)
        {
            Response.StatusCode = StatusCodes.Status403Forbidden;
        }

        return Page();
    }

    public sealed class InputModel
    {
        [Required, StringLength(100), Display(Name = "Your name")]
        public string DisplayName { get; set; } = "";

        [Required, EmailAddress, StringLength(256)]
        public string Email { get; set; } = "";

        [Required, StringLength(256, MinimumLength = 12, ErrorMessage = "Use at least 12 characters."), DataType(DataType.Password)]
        public string Password { get; set; } = "";

        [Required, DataType(DataType.Password), Display(Name = "Password again"), Compare(nameof(Password), ErrorMessage = "The two passwords differ.")]
        public string ConfirmPassword { get; set; } = "";
    }
}
