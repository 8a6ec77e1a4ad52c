using System.ComponentModel.DataAnnotations;
using Blog.Web.Data;
using Blog.Web.Media;
using Blog.Web.Posts;
using Blog.Web.Seo;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Areas.Admin.Pages.Media;

/// <summary>
/// The photo picker (<c>/admin/media/pick?for=insert|gallery|cover</c>): thumbnails with search and upload, then the
/// chosen photos' descriptions where the library has none (saved to the library), then the Markdown to insert or the
/// cover's address. A page that works without JavaScript; media-picker.js shows it in a dialog of the editor and
/// asks the last step for JSON.
/// </summary>
[MediaUploadLimits]
public sealed class PickModel(BlogDbContext db, MediaLibrary library, TextRendering texts) : PageModel, IHasPageMetadata
{
    public const int PageSize = 24;
    public const int MaxChosen = 50;

    public static readonly IReadOnlyList<string> Purposes = ["insert", "gallery", "cover"];

    [FromQuery(Name = "for")]
    public string? Purpose { get; set; }

    [FromQuery(Name = "return")]
    public string? ReturnUrl { get; set; }

    [FromQuery(Name = "q")]
    public string? Search { get; set; }

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    /// <summary>The photos chosen, in the order chosen.</summary>
    [FromQuery(Name = "id")]
    public List<int> Chosen { get; set; } = [];

    /// <summary>Descriptions typed for chosen photos that had none.</summary>
    [BindProperty]
    public List<DescriptionInput> Descriptions { get; set; } = [];

    public Paged<MediaCard> Photos { get; private set; } = new([], 1, 1);

    public IReadOnlyList<MediaCard> ChosenPhotos { get; private set; } = [];

    /// <summary>The finished Markdown (insert, gallery) or cover address, for the author to copy without JavaScript.</summary>
    public string? Result { get; private set; }

    public string Kind => Purposes.Contains(Purpose) ? Purpose! : "insert";

    public bool IsCover => Kind == "cover";

    public string? SafeReturnUrl => ReturnUrl is not null && Url.IsLocalUrl(ReturnUrl) && ReturnUrl.StartsWith(SitePaths.Admin.Root + "/", StringComparison.Ordinal) ? ReturnUrl : null;

    public string Title => Kind switch { "gallery" => "Choose photos for a gallery", "cover" => "Choose a cover photo", _ => "Insert photos" };

    public PageMetadata Metadata => new(Title);

    public string PageUrl(int page) => SitePaths.MediaPicker(Kind, SafeReturnUrl, Search, page);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Chosen.Count > 0)
        {
            return await ShowChosenAsync(cancellationToken) ? Page() : BadRequest();
        }

        await LoadGridAsync(cancellationToken);
        return Page();
    }

    /// <summary>The last step: saves the descriptions typed, then gives the Markdown or the cover.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await ShowChosenAsync(cancellationToken))
        {
            return BadRequest();
        }

        var typed = Descriptions.Where(d => Chosen.Contains(d.Id)).ToDictionary(d => d.Id, d => d.AltText?.Trim());
        var photos = ChosenPhotos.ToList();
        for (var i = 0; i < photos.Count; i++)
        {
            var photo = photos[i];
            if (!string.IsNullOrWhiteSpace(photo.AltText))
            {
                continue;
            }

            if (typed.GetValueOrDefault(photo.Id) is { Length: > 0 } alt)
            {
                await db.MediaItems.Where(m => m.Id == photo.Id).ExecuteUpdateAsync(set => set.SetProperty(m => m.AltText, alt), cancellationToken);
                await texts.RerenderAsync(photo.Id, cancellationToken);
                photos[i] = photo with { AltText = alt };
            }
            else if (!IsCover)
            {
                ModelState.AddModelError($"alt-{photo.Id}", $"Describe “{photo.FileName}” for readers who cannot see it.");
            }
        }

        if (!ModelState.IsValid)
        {
            ChosenPhotos = photos;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return WantsJson ? BadRequest(new { errors = ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage) }) : Page();
        }

        var images = photos.Select(p => p.Image).ToList();
        if (IsCover)
        {
            var cover = images[0];
            Result = cover.FallbackUrl;
            return WantsJson ? new JsonResult(new { cover = new { id = cover.Id, url = cover.FallbackUrl, alt = cover.Alt } }) : Page();
        }

        // One photo a paragraph; a gallery is image lines with no blank line between them.
        Result = string.Join(Kind == "gallery" ? "\n" : "\n\n", images.Select(i => i.Markdown));
        return WantsJson ? new JsonResult(new { text = Result }) : Page();
    }

    /// <summary>Upload inside the picker: the new photo goes straight to its description step.</summary>
    public async Task<IActionResult> OnPostUploadAsync(IFormFile? file, [StringLength(MediaItem.MaxAltLength)] string? altText, CancellationToken cancellationToken)
    {
        if (file is null)
        {
            ModelState.AddModelError("file", "Choose a photo to upload.");
        }
        else if (ModelState.IsValid)
        {
            var result = await library.UploadAsync(file, altText, cancellationToken);
            if (result.Succeeded)
            {
                return Redirect(SitePaths.MediaPicker(Kind, SafeReturnUrl, chosen: [result.Item!.Id]));
            }

            ModelState.AddModelError("file", result.Error!);
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadGridAsync(cancellationToken);
        return Page();
    }

    private bool WantsJson => Request.Headers.Accept.Any(a => a?.Contains("application/json", StringComparison.OrdinalIgnoreCase) == true);

    private async Task<bool> ShowChosenAsync(CancellationToken cancellationToken)
    {
        var ids = Chosen.Distinct().Take(IsCover ? 1 : MaxChosen).ToList();
        var found = await db.MediaItems.AsNoTracking().Where(m => ids.Contains(m.Id)).SelectCards().ToListAsync(cancellationToken);
        ChosenPhotos = ids.Select(id => found.FirstOrDefault(p => p.Id == id)).OfType<MediaCard>().ToList();
        Chosen = ChosenPhotos.Select(p => p.Id).ToList();
        return ChosenPhotos.Count > 0;
    }

    private async Task LoadGridAsync(CancellationToken cancellationToken)
    {
        var filtered = MediaFilter.From(Search, false, null).Apply(db.MediaItems.AsNoTracking(), db.Database.IsNpgsql());
        var total = await filtered.CountAsync(cancellationToken);
        var pageCount = Paging.CountPages(total, PageSize);
        PageNumber = Math.Clamp(PageNumber, 1, pageCount);
        var items = await filtered.Skip((PageNumber - 1) * PageSize).Take(PageSize).SelectCards().ToListAsync(cancellationToken);
        Photos = new Paged<MediaCard>(items, PageNumber, pageCount);
    }

    public sealed class DescriptionInput
    {
        public int Id { get; set; }

        [StringLength(MediaItem.MaxAltLength)]
        public string? AltText { get; set; }
    }
}
