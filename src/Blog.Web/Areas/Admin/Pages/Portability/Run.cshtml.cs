using Blog.Web.Data;
using Blog.Web.Portability.Import;
using Blog.Web.Seo;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Areas.Admin.Pages.Portability;

/// <summary>One import: its progress while it runs (polled as JSON by a small script), then its report.</summary>
public sealed class RunModel(BlogDbContext db, ImportQueue queue, TimeProvider clock) : PageModel, IHasPageMetadata
{
    public ImportRun Run { get; private set; } = default!;

    public ImportReport Report { get; private set; } = new();

    public PageMetadata Metadata => new($"Import of “{Run.FileName}”");

    /// <summary>A finished dry run whose file is still here can be imported for real in one click.</summary>
    public bool CanImportForReal => Run is { DryRun: true, Status: ImportRunStatus.Succeeded, SourcePath: { } path } && Path.Exists(path);

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await db.ImportRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken) is not { } run)
        {
            return NotFound();
        }

        (Run, Report) = (run, ImportReport.FromJson(run.ReportJson));
        return Page();
    }

    /// <summary>Imports the file of a dry run for real, as a new run (the dry run's report stays as it was).</summary>
    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (await db.ImportRuns.SingleOrDefaultAsync(r => r.Id == id, cancellationToken) is not { } dryRun)
        {
            return NotFound();
        }

        Run = dryRun;
        if (!CanImportForReal)
        {
            TempData["StatusMessage"] = "This file is no longer here: upload it again to import it.";
            return Redirect(SitePaths.Admin.ImportRun(id));
        }

        var run = db.ImportRuns.Add(new ImportRun
        {
            FileName = dryRun.FileName, SourcePath = dryRun.SourcePath, AllowPrivateAddresses = dryRun.AllowPrivateAddresses,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        }).Entity;
        queue.Assign(run); // this instance has the file
        dryRun.SourcePath = null; // the file now belongs to the real run, which deletes it when done
        await db.SaveChangesAsync(cancellationToken);
        await queue.EnqueueAsync(run.Id, cancellationToken);
        TempData["StatusMessage"] = $"Import of “{run.FileName}” started.";
        return Redirect(SitePaths.Admin.ImportRun(run.Id));
    }

    /// <summary>The counts the progress bar shows; owner-only like every page of the dashboard.</summary>
    public async Task<IActionResult> OnGetStatusAsync(int id, CancellationToken cancellationToken)
    {
        var run = await db.ImportRuns.AsNoTracking().Where(r => r.Id == id)
            .Select(r => new { r.Status, r.Total, r.Processed, r.Created, r.Updated, r.Unchanged, r.Skipped, r.ImagesFailed, r.Error })
            .SingleOrDefaultAsync(cancellationToken);
        return run is null
            ? NotFound()
            : new JsonResult(new
            {
                status = run.Status.ToString(), finished = run.Status is ImportRunStatus.Succeeded or ImportRunStatus.Failed,
                run.Total, run.Processed, run.Created, run.Updated, run.Unchanged, run.Skipped, run.ImagesFailed, run.Error,
            });
    }
}
