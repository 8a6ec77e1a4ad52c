using Blog.Web.Seo;
using Blog.Web.Subscriptions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Blog.Web.Pages.Subscriptions;

/// <summary>
/// The confirmation link. GET shows one button (mail scanners that open links must not confirm anybody); the POST
/// confirms. The secret in the address is the proof, so no antiforgery token; the page is never kept in the cache.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class ConfirmModel(SubscriptionRequests requests) : PageModel, IHasPageMetadata
{
    public bool Known { get; private set; }

    public bool Done { get; private set; }

    public string? Email { get; private set; }

    public PageMetadata Metadata => new("Confirm your subscription") { NoIndex = true };

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        var subscriber = await requests.FindAsync(token, cancellationToken);
        Known = subscriber is { Status: SubscriberStatus.Pending or SubscriberStatus.Confirmed };
        Done = subscriber?.Status == SubscriberStatus.Confirmed;
        Email = subscriber?.Email;
        return Known ? Page() : NotFoundPage();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        await requests.ConfirmAsync(token, cancellationToken);
        var subscriber = await requests.FindAsync(token, cancellationToken);
        Known = Done = subscriber?.Status == SubscriberStatus.Confirmed;
        return Known ? Page() : NotFoundPage();
    }

    private PageResult NotFoundPage()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
