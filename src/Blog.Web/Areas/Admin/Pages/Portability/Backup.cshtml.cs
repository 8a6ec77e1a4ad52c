using Blog.Web.Data;
using Blog.Web.Portability.Backup;
using Blog.Web.Seo;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Areas.Admin.Pages.Portability;

/// <summary>Downloads a consistent copy of the blog's database, taken while the site keeps serving.</summary>
public sealed class BackupModel(BlogDbContext db, TimeProvider clock) : PageModel, IHasPageMetadata
{
    public PageMetadata Metadata => new("Backup");

    /// <summary>A PostgreSQL database is backed up with pg_dump, not by this page.</summary>
    public bool OnPostgreSql => db.Database.IsNpgsql();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (OnPostgreSql)
        {
            return Page();
        }

        var path = Path.Combine(Path.GetTempPath(), $"blog-backup-{Guid.NewGuid():N}.db");
        await DatabaseBackup.CreateAsync(db.Database.GetConnectionString()!, path, cancellationToken);

        // The copy is deleted as soon as the download has been sent (or abandoned).
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Delete, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        var stamp = clock.GetUtcNow().ToString("yyyy-MM-dd-HHmm", System.Globalization.CultureInfo.InvariantCulture);
        return File(file, "application/vnd.sqlite3", $"blog-backup-{stamp}.db");
    }
}
