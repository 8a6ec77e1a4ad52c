using System.ComponentModel.DataAnnotations;
using Blog.Web.Data;
using Blog.Web.Portability.Import;
using Blog.Web.Seo;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Areas.Admin.Pages.Portability;

/// <summary>Starts an import (WXR from WordPress or Squarespace, or a zip of Markdown files) and lists earlier ones.</summary>
/// <remarks>Exports are larger than the server's usual request limit; the CLI verb has no limit at all.</remarks>
[RequestSizeLimit(MaxUploadBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxUploadBytes)]
public sealed class ImportModel(BlogDbContext db, ImportUploads uploads, ImportQueue queue, TimeProvider clock) : PageModel, IHasPageMetadata
{
    public const int MaxUploadBytes = 256 * 1024 * 1024;

    private static readonly string[] Extensions = [".xml", ".wxr", ".zip"];

    [BindProperty]
    public ImportInput Input { get; set; } = new();

    public IReadOnlyList<ImportRun> Runs { get; private set; } = [];

    public PageMetadata Metadata => new("Import");

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Input.File is { Length: 0 })
        {
            ModelState.AddModelError("Input.File", "The file is empty.");
        }
        else if (Input.File is { } file && !Extensions.Contains(Path.GetExtension(file.FileName).ToLowerInvariant()))
        {
            ModelState.AddModelError("Input.File", "Choose a WordPress or Squarespace export (.xml) or a zip of Markdown files (.zip).");
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        await using var upload = Input.File!.OpenReadStream();
        var run = db.ImportRuns.Add(new ImportRun
        {
            FileName = Path.GetFileName(Input.File.FileName)[..Math.Min(Path.GetFileName(Input.File.FileName).Length, 300)],
            SourcePath = await uploads.KeepAsync(upload, Input.File.FileName, cancellationToken),
            DryRun = Input.DryRun,
            AllowPrivateAddresses = Input.AllowPrivateAddresses,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        }).Entity;
        queue.Assign(run); // this instance has the file
        await db.SaveChangesAsync(cancellationToken);
        await queue.EnqueueAsync(run.Id, cancellationToken);
        TempData["StatusMessage"] = run.DryRun
            ? $"Dry run of “{run.FileName}” started: nothing will be written."
            : $"Import of “{run.FileName}” started.";
        return Redirect(SitePaths.Admin.ImportRun(run.Id));
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Runs = await db.ImportRuns.AsNoTracking().OrderByDescending(r => r.Id).Take(20).ToListAsync(cancellationToken);

    public sealed class ImportInput
    {
        [Required(ErrorMessage = "Choose a file to import.")]
        [Display(Name = "Export file (.xml or .zip)")]
        public IFormFile? File { get; set; }

        [Display(Name = "Dry run: show what would be imported, write nothing")]
        public bool DryRun { get; set; }

        [Display(Name = "Allow images from private addresses (a blog on your own network)")]
        public bool AllowPrivateAddresses { get; set; }
    }
}
