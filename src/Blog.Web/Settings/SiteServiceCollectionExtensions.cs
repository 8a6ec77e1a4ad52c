using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.WebEncoders;
using Blog.Web.Accounts;
using Blog.Web.Components;
using Blog.Web.Security;

namespace Blog.Web.Settings;

public static class SiteServiceCollectionExtensions
{
    /// <summary>
    /// The site's pages: the public ones, with paging routes that read as addresses (<c>/page/2</c>), and the
    /// dashboard under <c>/admin</c>, every page of which requires the owner (only the sign-in and set-up pages are open,
    /// each marked <c>[AllowAnonymous]</c>, so a new account page is private unless it says otherwise).
    /// </summary>
    public static IServiceCollection AddSitePages(this IServiceCollection services)
    {
        services.AddRazorPages(options =>
        {
            options.Conventions.AuthorizeAreaFolder("Admin", "/", AccountServiceCollectionExtensions.OwnerPolicy);

            options.Conventions.AddPageRoute("/Index", "page/{pageNumber:int}");
            options.Conventions.AddPageRoute("/Posts/Tag", "blog/tag/{slug}/page/{pageNumber:int}");
            options.Conventions.AddPageRoute("/Posts/Category", "blog/category/{slug}/page/{pageNumber:int}");
        })
        .AddMvcOptions(options => options.Filters.Add<RequestBodyRefusals>(RequestBodyRefusals.FilterOrder))

        // MVC scans only the few types it looks for in this assembly, not all of them (which loaded Markdig, MailKit and
        // SkiaSharp at start-up, before a reader asked for anything that needs them).
        .ConfigureApplicationPartManager(SiteTypesPart.Replace);

        // Refused requests stay client errors: a form over plain http where cookies are Secure is a 400, not a 500.
        services.RefuseFormsOverPlainHttp();

        // The first path segments a static page's slug cannot take: read from the route table once it is built.
        services.AddSingleton<ReservedSegments>();

        // The public pages' Razor components, rendered by a few kept renderers rather than a new one per request.
        services.AddSingleton<StaticComponentRenderer>();

        // Writing in any language: Razor emits letters as they are instead of as numeric entities.
        services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        return services;
    }
}
