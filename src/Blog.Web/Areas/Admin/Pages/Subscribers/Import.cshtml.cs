using System.ComponentModel.DataAnnotations;
using Blog.Web.Data;
using Blog.Web.Seo;
using Blog.Web.Subscriptions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Blog.Web.Areas.Admin.Pages.Subscribers;

/// <summary>Imports the list exported from Squarespace, Mailchimp, Substack (or any CSV with an email column).</summary>
public sealed class ImportModel(BlogDbContext db, TimeProvider clock) : PageModel, IHasPageMetadata
{
    public const long MaximumBytes = 20 * 1024 * 1024;

    public PageMetadata Metadata => new("Import subscribers");

    [BindProperty]
    [Display(Name = "CSV file")]
    public IFormFile? Upload { get; set; }

    public SubscriberImportResult? Result { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Upload is not { Length: > 0 })
        {
            ModelState.AddModelError(nameof(Upload), "Choose the CSV file your previous service exported.");
        }
        else if (Upload.Length > MaximumBytes)
        {
            ModelState.AddModelError(nameof(Upload), "That file is larger than 20 MB; a subscriber list is much smaller. Is it the right file?");
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        using var reader = new StreamReader(Upload!.OpenReadStream(), detectEncodingFromByteOrderMarks: true);
        var read = SubscriberCsv.Read(reader);
        Result = await SubscriberImport.ImportAsync(db, read, clock.GetUtcNow().UtcDateTime, cancellationToken);
        if (Result.Added == 0 && Result.AlreadyThere == 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }
}
