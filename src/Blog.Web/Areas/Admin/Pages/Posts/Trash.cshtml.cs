using Blog.Web.Data;
using Blog.Web.Seo;
using Blog.Web.Settings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Areas.Admin.Pages.Posts;

/// <summary>Trashed posts: restore one, or delete it forever (with its revisions).</summary>
public sealed class TrashModel(BlogDbContext db, SiteContext site, TimeProvider clock) : PageModel, IHasPageMetadata
{
    public IReadOnlyList<Row> Posts { get; private set; } = [];

    public BlogDates Dates { get; private set; } = BlogDates.Utc;

    public PageMetadata Metadata => new("Trash");

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Dates = (await site.GetAsync(cancellationToken)).Dates;
        Posts = await db.Posts.AsNoTracking()
            .Where(p => p.DeletedAtUtc != null)
            .OrderByDescending(p => p.DeletedAtUtc)
            .Select(p => new Row(p.Id, p.Title, p.DeletedAtUtc!.Value))
            .ToListAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostRestoreAsync(int id, CancellationToken cancellationToken)
    {
        var post = await db.Posts.SingleOrDefaultAsync(p => p.Id == id && p.DeletedAtUtc != null, cancellationToken);
        if (post is null)
        {
            return NotFound();
        }

        post.RestoreFromTrash();
        post.Touch(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        TempData["StatusMessage"] = $"Restored “{post.Title}”.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken cancellationToken)
    {
        var post = await db.Posts.SingleOrDefaultAsync(p => p.Id == id && p.DeletedAtUtc != null, cancellationToken);
        if (post is null)
        {
            return NotFound();
        }

        db.Posts.Remove(post);
        await db.SaveChangesAsync(cancellationToken);
        TempData["StatusMessage"] = $"Deleted “{post.Title}” forever.";
        return RedirectToPage();
    }

    public sealed record Row(int Id, string Title, DateTime DeletedAtUtc);
}
