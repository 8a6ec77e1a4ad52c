using Blog.Web.Data;
using Blog.Web.Editing;
using Blog.Web.Writing;
using Blog.Web.Markdown;
using Blog.Web.Media;
using Blog.Web.Posts;
using Blog.Web.Seo;
using Blog.Web.Settings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Areas.Admin.Pages.Editor;

/// <summary>
/// A post's or page's revisions; one compared with the current text; restoring one, which is itself a new revision
/// (so restoring never loses the text it replaces).
/// </summary>
public sealed class HistoryModel(BlogDbContext db, MarkdownRenderer renderer, SiteContext site, TimeProvider clock) : PageModel, IHasPageMetadata
{
    [FromRoute]
    public string Section { get; set; } = "";

    [FromRoute]
    public int Id { get; set; }

    public PublishableContent Edited { get; private set; } = default!;

    public IReadOnlyList<ContentRevision> Revisions { get; private set; } = [];

    /// <summary>The revision being compared with the current text, when one is chosen.</summary>
    public ContentRevision? Selected { get; private set; }

    public BlogDates Dates { get; private set; } = BlogDates.Utc;

    public PageMetadata Metadata => new($"History of “{Edited.Title}”");

    public async Task<IActionResult> OnGetAsync(int? revision, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        Revisions = await OfContent().AsNoTracking()
            .OrderByDescending(r => r.Version).ThenByDescending(r => r.Id).ToListAsync(cancellationToken);
        Selected = revision is null ? null : Revisions.FirstOrDefault(r => r.Id == revision);
        return revision is not null && Selected is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostRestoreAsync(int revision, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        var restored = await OfContent().AsNoTracking().SingleOrDefaultAsync(r => r.Id == revision, cancellationToken);
        if (restored is null)
        {
            return NotFound();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        Edited.Title = restored.Title;
        Edited.SetBody(restored.BodyMarkdown, renderer, now, await db.LoadLibraryImagesAsync(cancellationToken, restored.BodyMarkdown));
        if (Edited is Post post)
        {
            post.Excerpt = restored.Excerpt;
        }

        Edited.NewVersion(now);
        db.RecordRevision(Edited, $"Restored version {restored.Version}", now);
        await db.SaveChangesAsync(cancellationToken);
        TempData["StatusMessage"] = $"Restored version {restored.Version} as version {Edited.Version}.";
        return Redirect(SitePaths.Admin.Editor(Section, Id));
    }

    private IQueryable<ContentRevision> OfContent() =>
        Section == "posts" ? db.Revisions.Where(r => r.PostId == Id) : db.Revisions.Where(r => r.StaticPageId == Id);

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        Dates = (await site.GetAsync(cancellationToken)).Dates;
        PublishableContent? content = Section switch
        {
            "posts" => await db.Posts.SingleOrDefaultAsync(p => p.Id == Id && p.DeletedAtUtc == null, cancellationToken),
            "pages" => await db.StaticPages.SingleOrDefaultAsync(p => p.Id == Id && p.DeletedAtUtc == null, cancellationToken),
            _ => null,
        };
        Edited = content!;
        return content is not null;
    }
}
