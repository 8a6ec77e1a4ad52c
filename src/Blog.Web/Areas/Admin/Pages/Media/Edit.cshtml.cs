using System.ComponentModel.DataAnnotations;
using Blog.Web.Data;
using Blog.Web.Media;
using Blog.Web.Posts;
using Blog.Web.Seo;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Areas.Admin.Pages.Media;

/// <summary>One photo (<c>/admin/media/{id}</c>): its details, where it is used, and its description and caption.</summary>
public sealed class EditModel(BlogDbContext db, ContentChangeInterceptor contentChanges, TextRendering texts) : PageModel, IHasPageMetadata
{
    [FromRoute]
    public int Id { get; set; }

    [BindProperty]
    public DetailsInput Input { get; set; } = new();

    public MediaCard Photo { get; private set; } = default!;

    public IReadOnlyList<MediaUse> Uses { get; private set; } = [];

    public string OriginalExtension { get; private set; } = "";

    public FocalPoint Focus { get; private set; } = FocalPoint.Centre;

    /// <summary>What the camera wrote into the file, if anything.</summary>
    public string? Camera { get; private set; }

    public PageMetadata Metadata => new(Photo is null ? "Photo" : $"Photo “{Photo.FileName}”");

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        Input = new DetailsInput { AltText = Photo.AltText, Caption = Photo.Caption, FocusX = Focus.X, FocusY = Focus.Y };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var alt = string.IsNullOrWhiteSpace(Input.AltText) ? null : Input.AltText.Trim();
        var caption = string.IsNullOrWhiteSpace(Input.Caption) ? null : Input.Caption.Trim();
        var focus = FocalPoint.Of(Input.FocusX, Input.FocusY);
        await db.MediaItems.Where(m => m.Id == Id)
            .ExecuteUpdateAsync(
                set => set.SetProperty(m => m.AltText, alt).SetProperty(m => m.Caption, caption)
                    .SetProperty(m => m.FocusX, focus.X).SetProperty(m => m.FocusY, focus.Y),
                cancellationToken);

        // Posts and pages show the description and caption as they were when saved: they take the new ones now.
        await texts.RerenderAsync(Id, cancellationToken);
        contentChanges.Notify();
        TempData["StatusMessage"] = $"Saved the description, caption and focal point of “{Photo.FileName}”.";
        return Redirect(SitePaths.Admin.MediaItem(Id));
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var photo = await db.MediaItems.AsNoTracking().Where(m => m.Id == Id).SelectCards().SingleOrDefaultAsync(cancellationToken);
        if (photo is null)
        {
            return false;
        }

        Photo = photo;
        var details = await db.MediaItems.AsNoTracking().Where(m => m.Id == Id).Select(m => new { m.FocusX, m.FocusY, m.Camera }).SingleAsync(cancellationToken);
        Focus = FocalPoint.Of(details.FocusX, details.FocusY);
        Camera = details.Camera.Summary;
        Uses = await db.UsesOfAsync(Id, cancellationToken);
        OriginalExtension = await db.MediaVariants.Where(v => v.MediaItemId == Id && v.Name == MediaVariant.Original)
            .Select(v => v.Extension).SingleAsync(cancellationToken);
        return true;
    }

    public sealed class DetailsInput
    {
        [StringLength(MediaItem.MaxAltLength)]
        [Display(Name = "Description (alt text)")]
        public string? AltText { get; set; }

        [StringLength(MediaItem.MaxCaptionLength)]
        public string? Caption { get; set; }

        [Range(0, 100, ErrorMessage = "The focal point is a percentage, from 0 to 100.")]
        [Display(Name = "Across, from the left (%)")]
        public int? FocusX { get; set; } = 50;

        [Range(0, 100, ErrorMessage = "The focal point is a percentage, from 0 to 100.")]
        [Display(Name = "Down, from the top (%)")]
        public int? FocusY { get; set; } = 50;
    }
}
