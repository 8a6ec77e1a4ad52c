using Blog.Web.Seo;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Blog.Web.Areas.Admin.Pages.Account;

/// <summary>Shows newly made recovery codes exactly once: they travel in TempData, and only their hashes are stored.</summary>
public sealed class RecoveryCodesModel : PageModel, IHasPageMetadata
{
    public const string TempDataKey = "RecoveryCodes";

    public IReadOnlyList<string> Codes { get; private set; } = [];

    public PageMetadata Metadata => new("Recovery codes");

    public IActionResult OnGet()
    {
        if (TempData[TempDataKey] is not string[] { Length: > 0 } codes)
        {
            return RedirectToPage("./TwoFactor");
        }

        Codes = codes;
        return Page();
    }
}
