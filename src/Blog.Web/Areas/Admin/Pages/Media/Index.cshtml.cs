using System.ComponentModel.DataAnnotations;
using Blog.Web.Data;
using Blog.Web.Media;
using Blog.Web.Posts;
using Blog.Web.Seo;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Areas.Admin.Pages.Media;

/// <summary>The photo library (<c>/admin/media</c>): a page of thumbnails, and uploads by form or by script.</summary>
[MediaUploadLimits]
public sealed class IndexModel(BlogDbContext db, MediaLibrary library) : PageModel, IHasPageMetadata
{
    public const int PageSize = 24;

    [BindProperty]
    public UploadInput Input { get; set; } = new();

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    [FromQuery(Name = "q")]
    public string? Search { get; set; }

    [FromQuery(Name = "missing")]
    public bool NeedsDescription { get; set; }

    [FromQuery(Name = "sort")]
    public string? Sort { get; set; }

    public MediaFilter Filter => MediaFilter.From(Search, NeedsDescription, Sort);

    /// <summary>Photos without a description, in the whole library.</summary>
    public int MissingCount { get; private set; }

    public string PageUrl(int page) => SitePaths.MediaLibrary(Filter.Search, Filter.NeedsDescription, Filter.Sort == MediaFilter.Newest ? null : Filter.Sort, page);

    public Paged<MediaCard> Photos { get; private set; } = new([], 1, 1);

    public MediaOptions Limits => library.Options;

    public PageMetadata Metadata => new("Photos");

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    /// <summary>The plain form: several files at once, one description for them all; works without JavaScript.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Input.Files.Count == 0)
        {
            ModelState.AddModelError("Input.Files", "Choose one or more photos to upload.");
        }
        else if (Input.Files.Count > Limits.MaxFilesPerPost)
        {
            ModelState.AddModelError("Input.Files", $"Upload at most {Limits.MaxFilesPerPost} photos at a time.");
        }

        var stored = new List<string>();
        if (ModelState.IsValid)
        {
            // Each file is stored, or refused, on its own: one bad file does not cost the author the good ones.
            foreach (var file in Input.Files)
            {
                var result = await library.UploadAsync(file, Input.AltText, cancellationToken);
                if (result.Succeeded)
                {
                    stored.Add(result.FileName);
                }
                else
                {
                    ModelState.AddModelError("Input.Files", result.Error!);
                }
            }
        }

        var message = stored.Count == 0 ? null
            : $"Uploaded {string.Join(", ", stored.Select(n => $"“{n}”"))}." + (string.IsNullOrWhiteSpace(Input.AltText) ? " Add a description to each photo for readers who cannot see it." : "");
        if (ModelState.IsValid)
        {
            TempData["StatusMessage"] = message;
            return RedirectToPage();
        }

        Uploaded = message;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>What the library and editor scripts call, one file at a time, to show progress and insert Markdown.</summary>
    public async Task<IActionResult> OnPostUploadAsync(IFormFile? file, [StringLength(MediaItem.MaxAltLength)] string? altText, CancellationToken cancellationToken)
    {
        if (file is null || !ModelState.IsValid)
        {
            return BadRequest(new { error = file is null ? "Choose a photo to upload." : "The description is too long." });
        }

        var result = await library.UploadAsync(file, altText, cancellationToken);
        if (!result.Succeeded)
        {
            return BadRequest(new { error = result.Error });
        }

        var image = result.Item!.Responsive;
        return new JsonResult(new { id = image.Id, url = image.FallbackUrl, markdown = image.Markdown, alt = image.Alt }) { StatusCode = StatusCodes.Status201Created };
    }

    /// <summary>Photos stored by a form post in which others were refused.</summary>
    public string? Uploaded { get; private set; }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var filtered = Filter.Apply(db.MediaItems.AsNoTracking(), db.Database.IsNpgsql());
        var total = await filtered.CountAsync(cancellationToken);
        MissingCount = await db.MediaItems.CountAsync(m => m.AltText == null || m.AltText == "", cancellationToken);
        var pageCount = Paging.CountPages(total, PageSize);
        PageNumber = Math.Clamp(PageNumber, 1, pageCount);
        var items = await filtered.Skip((PageNumber - 1) * PageSize).Take(PageSize).SelectCards().ToListAsync(cancellationToken);
        Photos = new Paged<MediaCard>(items, PageNumber, pageCount);
    }

    public sealed class UploadInput
    {
        [Display(Name = "Photos")]
        public List<IFormFile> Files { get; set; } = [];

        [StringLength(MediaItem.MaxAltLength)]
        [Display(Name = "Description (alt text)")]
        public string? AltText { get; set; }
    }
}
