using Blog.Web.Seo;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace Blog.Web.Pages;

/// <summary>
/// The friendly page for every error status: re-executed for 404s and other status codes, and the exception
/// handler's page for 500s (it never shows a stack trace; Development has the developer page instead).
/// </summary>
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel, IHasPageMetadata
{
    public int Status { get; private set; }

    public bool IsNotFound => Status == StatusCodes.Status404NotFound;

    public PageMetadata Metadata => new(IsNotFound ? "Page not found" : "Something went wrong");

    public IActionResult OnGet(int? code) => Show(code);

    // A failed POST is re-executed as a POST: answer it with the same page.
    public IActionResult OnPost(int? code) => Show(code);

    private PageResult Show(int? code)
    {
        Status = code is >= 400 and <= 599 ? code.Value : StatusCodes.Status500InternalServerError;
        Response.StatusCode = Status;
        return Page();
    }

    public string Reason => ReasonPhrases.GetReasonPhrase(Status);
}
