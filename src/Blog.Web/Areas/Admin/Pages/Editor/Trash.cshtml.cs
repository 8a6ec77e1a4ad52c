using Blog.Web.Data;
using Blog.Web.Posts;
using Blog.Web.Seo;
using Blog.Web.Settings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Areas.Admin.Pages.Editor;

/// <summary>Trashed posts and pages: restore one, or delete it forever (with its revisions).</summary>
public sealed class TrashModel(BlogDbContext db, SiteContext site, TimeProvider clock) : PageModel, IHasPageMetadata
{
    public IReadOnlyList<Row> Items { get; private set; } = [];

    public BlogDates Dates { get; private set; } = BlogDates.Utc;

    public PageMetadata Metadata => new("Trash");

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Dates = (await site.GetAsync(cancellationToken)).Dates;
        var posts = await db.Posts.AsNoTracking().Where(p => p.DeletedAtUtc != null)
            .Select(p => new Row("posts", p.Id, p.Title, p.DeletedAtUtc!.Value)).ToListAsync(cancellationToken);
        var pages = await db.StaticPages.AsNoTracking().Where(p => p.DeletedAtUtc != null)
            .Select(p => new Row("pages", p.Id, p.Title, p.DeletedAtUtc!.Value)).ToListAsync(cancellationToken);
        Items = [.. posts.Concat(pages).OrderByDescending(r => r.DeletedAtUtc)];
    }

    public async Task<IActionResult> OnPostRestoreAsync(string section, int id, CancellationToken cancellationToken)
    {
        var content = await FindTrashedAsync(section, id, cancellationToken);
        if (content is null)
        {
            return NotFound();
        }

        content.RestoreFromTrash();
        content.Touch(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        TempData["StatusMessage"] = $"Restored “{content.Title}”.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDeleteAsync(string section, int id, CancellationToken cancellationToken)
    {
        var content = await FindTrashedAsync(section, id, cancellationToken);
        if (content is null)
        {
            return NotFound();
        }

        db.Remove(content);
        await db.SaveChangesAsync(cancellationToken);
        TempData["StatusMessage"] = $"Deleted “{content.Title}” forever.";
        return RedirectToPage();
    }

    private async Task<PublishableContent?> FindTrashedAsync(string section, int id, CancellationToken cancellationToken) => section switch
    {
        "posts" => await db.Posts.SingleOrDefaultAsync(p => p.Id == id && p.DeletedAtUtc != null, cancellationToken),
        "pages" => await db.StaticPages.SingleOrDefaultAsync(p => p.Id == id && p.DeletedAtUtc != null, cancellationToken),
        _ => null,
    };

    public sealed record Row(string Section, int Id, string Title, DateTime DeletedAtUtc)
    {
        public string Kind => Section == "posts" ? "Post" : "Page";
    }
}
