using System.ComponentModel.DataAnnotations;
using Blog.Web.Security;
using Blog.Web.Seo;
using Blog.Web.Settings;
using Blog.Web.Subscriptions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Blog.Web.Pages;

/// <summary>
/// Where every subscribe form posts. The forms live on cached pages, so no antiforgery token: the post must come from
/// the blog's own pages, carry a valid form token at least a couple of seconds old, and leave the honeypot empty.
/// Whatever the address's state, a valid request ends on the same "check your inbox" page.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class SubscribeModel(SubscriptionAvailability availability, CachedFormToken tokens, SubscriptionRequests requests, SiteContext site) : PageModel, IHasPageMetadata
{
    public const string FormPurpose = "subscribe";

    [BindProperty]
    public SubscribeInput Input { get; set; } = new();

    public bool Open { get; private set; }

    public string? Message { get; private set; }

    public PageMetadata Metadata => new("Subscribe");

    public async Task OnGetAsync(CancellationToken cancellationToken) => Open = await availability.IsOpenAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Open = await availability.IsOpenAsync(cancellationToken);
        var settings = (await site.GetAsync(cancellationToken)).Settings;
        if (!Open)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        if (!SameOriginCheck.IsFromOwnPages(Request, settings.BaseUrl))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        if (!string.IsNullOrEmpty(Input.Website))
        {
            return Redirect(SitePaths.SubscribeThanks); // a bot filled the hidden field: it learns nothing
        }

        switch (tokens.Check(Input.Token, FormPurpose))
        {
            case FormTokenCheck.Invalid:
                Message = "This form could not be read. Please fill it in again.";
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            case FormTokenCheck.Expired:
                Message = "This form was open for a long time. Please send it again.";
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            case FormTokenCheck.TooFast:
                Message = "That was very quick. Please check your address and send the form again.";
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
        }

        if (!ModelState.IsValid || !SubscriptionRequests.IsEmailAddress(Input.Email))
        {
            ModelState.AddModelError("Input.Email", "Type an email address, such as name@example.com.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await requests.RequestAsync(Input.Email!, Input.Name, Input.Choice, SiteAddress.For(settings, Request), cancellationToken);
        return Redirect(SitePaths.SubscribeThanks);
    }

    public sealed class SubscribeInput
    {
        [Required]
        [StringLength(320)]
        public string? Email { get; set; }

        [StringLength(200)]
        public string? Name { get; set; }

        public SubscriptionChoice Choice { get; set; }

        [StringLength(2000)]
        public string? Token { get; set; }

        /// <summary>The honeypot: hidden from people, filled by bots.</summary>
        [StringLength(2000)]
        public string? Website { get; set; }
    }
}
