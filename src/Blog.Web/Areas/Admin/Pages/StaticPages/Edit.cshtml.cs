using Blog.Web.Data;
using Blog.Web.Editing;
using Blog.Web.Markdown;
using Blog.Web.Seo;
using Blog.Web.Settings;
using Blog.Web.StaticPages;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Areas.Admin.Pages.StaticPages;

/// <summary>Writes or edits a static page: the post workflow, plus its place in the navigation.</summary>
public sealed class EditModel(BlogDbContext db, MarkdownRenderer renderer, SiteContext site, TimeProvider clock, ReservedSegments reserved)
    : ContentEditorModel<StaticPage, PageInput>(db, renderer, site, clock), IHasPageMetadata
{

    public PageMetadata Metadata => new(Current is null ? "New page" : $"Edit “{Current.Title}”");

    public override string Section => "pages";

    protected override string Kind => "page";

    protected override IQueryable<StaticPage> Editable => Db.StaticPages;

    protected override StaticPage CreateNew(DateTime nowUtc) => new(Input.Title, Input.EffectiveSlug, nowUtc);

    protected override PageInput ToInput(StaticPage content) => PageInput.From(content, Dates);

    protected override async Task ValidateSlugAsync(string slug, CancellationToken cancellationToken)
    {
        if (reserved.Contains(slug))
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
