using Blog.Web.Caching;
using Blog.Web.Data;
using Blog.Web.Posts;
using Blog.Web.Search;
using Blog.Web.Seo;
using Blog.Web.Settings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Blog.Web.Pages;

/// <summary>Search results for the header's search box: <c>/search?q=words&amp;page=2</c>.</summary>
[CachedPage("q", "page")]
public sealed class SearchModel(BlogDbContext db, SiteContext site, TimeProvider clock) : PageModel, IHasPageMetadata
{
    /// <summary>What the reader typed, as shown back to them (cut to the length that is searched).</summary>
    public string Query { get; private set; } = "";

    /// <summary>Null when nothing was asked or nothing matched.</summary>
    public Paged<SearchHit>? Results { get; private set; }

    public SiteChrome Chrome { get; private set; } = default!;

    public PageMetadata Metadata => new(Query.Length == 0 ? "Search" : $"Search: {Query}", null)
    {
        CanonicalPath = SitePaths.SearchPage,
        NoIndex = true,
    };

    public async Task<IActionResult> OnGetAsync(
        [FromQuery(Name = "q")] string? q, [FromQuery(Name = "page")] int pageNumber = 1, CancellationToken cancellationToken = default)
    {
        // A page number that does not parse (page=abc, page=99999999999) binds as the default: the first page.
        Chrome = await site.GetAsync(cancellationToken);
        Query = (q ?? "").Trim() is var typed && typed.Length > SearchExpression.MaxQueryLength ? typed[..SearchExpression.MaxQueryLength] : typed;
        if (SearchExpression.From(Query) is null)
        {
            return pageNumber == 1 ? Page() : NotFound();
        }

        Results = await db.SearchAsync(Query, pageNumber, clock.GetUtcNow().UtcDateTime, cancellationToken);
        if (Results is null)
        {
            return pageNumber == 1 ? Page() : NotFound();
        }

        if (Results.Items.Count == 0)
        {
            Results = null;
        }

        return Page();
    }

    public string PageUrl(int pageNumber) =>
        SitePaths.Search(Query, pageNumber);
}
