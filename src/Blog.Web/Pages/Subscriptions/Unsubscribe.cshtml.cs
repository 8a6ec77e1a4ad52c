using Blog.Web.Seo;
using Blog.Web.Subscriptions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Blog.Web.Pages.Subscriptions;

/// <summary>
/// The unsubscribe link of every email and of its <c>List-Unsubscribe</c> header. GET shows a button; a POST
/// unsubscribes with no sign-in and no antiforgery token (RFC 8058's one-click POST comes from the mail provider,
/// not from a page of ours): the secret in the address is the proof. Never kept in the cache.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class UnsubscribeModel(SubscriptionRequests requests) : PageModel, IHasPageMetadata
{
    public bool Known { get; private set; }

    public bool Done { get; private set; }

    public string? Email { get; private set; }

    public PageMetadata Metadata => new("Unsubscribe") { NoIndex = true };

    public async Task<IActionResult> OnGetAsync(string token, CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        var subscriber = await requests.FindAsync(token, cancellationToken);
        Known = subscriber is not null;
        Done = subscriber is { Status: SubscriberStatus.Unsubscribed };
        Email = subscriber?.Email;
        if (!Known)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        Known = Done = await requests.UnsubscribeAsync(token, cancellationToken);
        if (!Known)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }
}
