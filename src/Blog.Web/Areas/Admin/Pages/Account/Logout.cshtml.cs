using Blog.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Blog.Web.Areas.Admin.Pages.Account;

/// <summary>Signing out is a POST (a link or an image on another site cannot sign the owner out).</summary>
[AllowAnonymous]
public sealed class LogoutModel(SignInManager<BlogUser> signInManager) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index", new { area = "Admin" });

    public async Task<IActionResult> OnPostAsync()
    {
        await signInManager.SignOutAsync();
        return LocalRedirect(SitePaths.Home);
    }
}
