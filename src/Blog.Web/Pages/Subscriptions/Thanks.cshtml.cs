using Blog.Web.Seo;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Blog.Web.Pages.Subscriptions;

/// <summary>The same answer for every subscribe request: it says nothing about whether the address was known.</summary>
public sealed class ThanksModel : PageModel, IHasPageMetadata
{
    public PageMetadata Metadata => new("Check your inbox");
}
