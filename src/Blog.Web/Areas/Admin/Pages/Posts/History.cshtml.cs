using Blog.Web.Data;
using Blog.Web.Editing;
using Blog.Web.Markdown;
using Blog.Web.Posts;
using Blog.Web.Seo;
using Blog.Web.Settings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Areas.Admin.Pages.Posts;

/// <summary>A post's revisions; one compared with the current text; restoring one (which is itself a new revision).</summary>
public sealed class HistoryModel(BlogDbContext db, MarkdownRenderer renderer, SiteContext site, TimeProvider clock) : PageModel, IHasPageMetadata
{
    public Post Post { get; private set; } = default!;

    public IReadOnlyList<ContentRevision> Revisions { get; private set; } = [];

    /// <summary>The revision being compared with the current text, when one is chosen.</summary>
    public ContentRevision? Selected { get; private set; }

    public BlogDates Dates { get; private set; } = BlogDates.Utc;

    public PageMetadata Metadata => new($"History of “{Post.Title}”");

    public async Task<IActionResult> OnGetAsync(int id, int? revision, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Revisions = await db.Revisions.AsNoTracking().Where(r => r.PostId == id)
            .OrderByDescending(r => r.Version).ThenByDescending(r => r.Id).ToListAsync(cancellationToken);
        Selected = revision is null ? null : Revisions.FirstOrDefault(r => r.Id == revision);
        return revision is not null && Selected is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostRestoreAsync(int id, int revision, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var restored = await db.Revisions.AsNoTracking().SingleOrDefaultAsync(r => r.Id == revision && r.PostId == id, cancellationToken);
        if (restored is null)
        {
            return NotFound();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        Post.Title = restored.Title;
        Post.Excerpt = restored.Excerpt;
        Post.SetBody(restored.BodyMarkdown, renderer, now);
        Post.NewVersion(now);
        db.RecordRevision(Post, $"Restored version {restored.Version}", now);
        await db.SaveChangesAsync(cancellationToken);
        TempData["StatusMessage"] = $"Restored version {restored.Version} as version {Post.Version}.";
        return Redirect($"/admin/posts/{id}");
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        Dates = (await site.GetAsync(cancellationToken)).Dates;
        var post = await db.Posts.SingleOrDefaultAsync(p => p.Id == id && p.DeletedAtUtc == null, cancellationToken);
        Post = post!;
        return post is not null;
    }
}
