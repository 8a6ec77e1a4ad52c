using Blog.Web.Data;
using Blog.Web.Editing;
using Blog.Web.Markdown;
using Blog.Web.Seo;
using Blog.Web.Settings;
using Blog.Web.StaticPages;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Areas.Admin.Pages.StaticPages;

/// <summary>Writes or edits a static page: the post workflow, plus its place in the navigation.</summary>
public sealed class EditModel(BlogDbContext db, MarkdownRenderer renderer, SiteContext site, TimeProvider clock)
    : ContentEditorModel<StaticPage, PageInput>(db, renderer, site, clock), IHasPageMetadata
{
    /// <summary>First path segments the site itself uses: a page there would be unreachable or would hide a feature.</summary>
    public static readonly IReadOnlySet<string> Reserved = new HashSet<string>(
        ["admin", "archive", "blog", "page", "error", "css", "js", "icons", "feed", "feeds", "search", "media", "sitemap-xml", "robots-txt", "tag", "category"],
        StringComparer.Ordinal);

    public PageMetadata Metadata => new(Current is null ? "New page" : $"Edit “{Current.Title}”");

    public override string Section => "pages";

    protected override string Kind => "page";

    protected override IQueryable<StaticPage> Editable => Db.StaticPages;

    protected override StaticPage CreateNew(DateTime nowUtc) => new(Input.Title, Input.EffectiveSlug, nowUtc);

    protected override PageInput ToInput(StaticPage content) => PageInput.From(content, Dates);

    protected override async Task ValidateSlugAsync(string slug, CancellationToken cancellationToken)
    {
        if (Reserved.Contains(slug))
        {
            ModelState.AddModelError("Input.Slug", $"“{slug}” cannot be a page address: the site uses it itself. Choose another.");
        }
        else if (await Db.StaticPages.AnyAsync(p => p.Slug == slug && p.Id != (Id ?? 0), cancellationToken))
        {
            ModelState.AddModelError("Input.Slug", $"Another page already has the address “{slug}”.");
        }
    }

    protected override Task ApplyOwnFieldsAsync(StaticPage page, CancellationToken cancellationToken)
    {
        page.MenuOrder = Input.MenuOrder;
        page.ShowInNavigation = Input.ShowInNavigation;
        return Task.CompletedTask;
    }
}
