using System.ComponentModel.DataAnnotations;
using Blog.Web.Data;
using Blog.Web.Seo;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Blog.Web.Areas.Admin.Pages.Account;

/// <summary>The owner's account: change the password, and reach two-factor authentication.</summary>
public sealed class IndexModel(UserManager<BlogUser> users, SignInManager<BlogUser> signInManager) : PageModel, IHasPageMetadata
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string Email { get; private set; } = "";

    public bool TwoFactorEnabled { get; private set; }

    public PageMetadata Metadata => new("Account");

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() is null ? Challenge() : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        var owner = await LoadAsync();
        if (owner is null)
        {
            return Challenge();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        // Changing the password changes the security stamp, so every other session is refused at its next check.
        var result = await users.ChangePasswordAsync(owner, Input.CurrentPassword, Input.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code == "PasswordMismatch" ? "Input.CurrentPassword" : "Input.NewPassword",
                    error.Code == "PasswordMismatch" ? "That is not your current password." : error.Description);
            }

            return Page();
        }

        await signInManager.RefreshSignInAsync(owner);
        TempData["StatusMessage"] = "Your password has been changed. Any other signed-in browser has been signed out.";
        return RedirectToPage();
    }

    private async Task<BlogUser?> LoadAsync()
    {
        var owner = await users.GetUserAsync(User);
        if (owner is not null)
        {
            Email = owner.Email ?? "";
            TwoFactorEnabled = await users.GetTwoFactorEnabledAsync(owner);
        }

        return owner;
    }

    public sealed class InputModel
    {
        [Required, DataType(DataType.Password), Display(Name = "Current password")]
        public string CurrentPassword { get; set; } = "";

        [Required, StringLength(256, MinimumLength = 12, ErrorMessage = "Use at least 12 characters."), DataType(DataType.Password), Display(Name = "New password")]
        public string NewPassword { get; set; } = "";

        [Required, DataType(DataType.Password), Display(Name = "New password again"), Compare(nameof(NewPassword), ErrorMessage = "The two passwords differ.")]
        public string ConfirmPassword { get; set; } = "";
    }
}
