using Blog.Web.Data;
using Blog.Web.Posts;
using Blog.Web.Seo;
using Blog.Web.Statistics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Pages;

[CountedRead(ReadKind.Page)]
public sealed class StaticPageModel(BlogDbContext db, TimeProvider clock) : PageModel, IHasPageMetadata
{
    public StaticPageView StaticPage { get; private set; } = default!;

    public PageMetadata Metadata => new(StaticPage.SeoTitle ?? StaticPage.Title, StaticPage.SeoDescription)
    {
        CanonicalPath = SitePaths.Page(StaticPage.Slug),
    };

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var page = await db.StaticPages.AsNoTracking()
            .VisibleAt(clock.GetUtcNow().UtcDateTime)
            .BySlug(slug)
            .Select(p => new StaticPageView(p.Title, p.Slug, p.BodyHtml, p.SeoTitle, p.SeoDescription ?? p.Opening.Substring(0, 160)))
            .SingleOrDefaultAsync(cancellationToken);
        if (page is null)
        {
            return NotFound();
        }

        StaticPage = page;
        return Page();
    }
}

public sealed record StaticPageView(string Title, string Slug, string BodyHtml, string? SeoTitle, string? SeoDescription);
