using System.Globalization;
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

    // The handlers take no parameters and the page binds no property: a request refused because its body could not be
    // read (malformed multipart, too large) is re-executed here with that same body, which must never be read again.
    public IActionResult OnGet() => Show();

    // A failed POST is re-executed as a POST: answer it with the same page.
    public IActionResult OnPost() => Show();

    private PageResult Show()
    {
        // The status comes in the address (/error/404, from the status-code pages) or, from the exception handler,
        // as the status it has already set.
        var code = int.TryParse(RouteData.Values["code"] as string, NumberStyles.None, CultureInfo.InvariantCulture, out var routed)
            ? routed
            : Response.StatusCode;
        Status = code is >= 400 and <= 599 ? code : StatusCodes.Status500InternalServerError;
        Response.StatusCode = Status;
        return Page();
    }

    public string Reason => ReasonPhrases.GetReasonPhrase(Status);
}
