using Blog.Web.Data;
using Blog.Web.Media;
using Blog.Web.Seo;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Areas.Admin.Pages.Media;

/// <summary>Deleting a photo, after a confirmation that names the posts and pages still showing it.</summary>
public sealed class DeleteModel(BlogDbContext db, ContentChangeInterceptor contentChanges) : PageModel, IHasPageMetadata
{
    [FromRoute]
    public int Id { get; set; }

    public MediaCard Photo { get; private set; } = default!;

    public IReadOnlyList<MediaUse> Uses { get; private set; } = [];

    public PageMetadata Metadata => new("Delete a photo");

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var photo = await db.MediaItems.AsNoTracking().Where(m => m.Id == Id).SelectCards().SingleOrDefaultAsync(cancellationToken);
        if (photo is null)
        {
            return NotFound();
        }

        Photo = photo;
        Uses = await db.UsesOfAsync(Id, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var fileName = await db.MediaItems.Where(m => m.Id == Id).Select(m => m.FileName).SingleOrDefaultAsync(cancellationToken);
        if (fileName is null)
        {
            return NotFound();
        }

        // The variants and their bytes go with it, by the database's cascading foreign keys.
        await db.MediaItems.Where(m => m.Id == Id).ExecuteDeleteAsync(cancellationToken);
        contentChanges.Notify(); // pages showing it are rendered again
        TempData["StatusMessage"] = $"Deleted “{fileName}”.";
        return Redirect(SitePaths.Admin.Media);
    }
}
