using System.ComponentModel.DataAnnotations;
using Blog.Web.Data;
using Blog.Web.Editing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Areas.Admin.Pages.Editor;

/// <summary>
/// Where the editor's script keeps what is being typed, apart from the post itself: a live post never changes
/// until the author saves. Posted as a form, so the antiforgery token and the owner-only convention apply.
/// </summary>
public sealed class AutosaveModel(BlogDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty]
    public AutosaveInput Input { get; set; } = new();

    public IActionResult OnGet() => NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid || !IsKnownKey(Input.Key))
        {
            return BadRequest(new { error = "The autosave was not understood." });
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await db.KeepAutosaveAsync(Input.Key, Input.Title, Input.Body, Input.Version, now, cancellationToken);
        return new JsonResult(new { savedAt = now });
    }

    private static bool IsKnownKey(string key) =>
        key.StartsWith("post:", StringComparison.Ordinal) || key.StartsWith("page:", StringComparison.Ordinal)
        || key.StartsWith("new-post:", StringComparison.Ordinal) || key.StartsWith("new-page:", StringComparison.Ordinal);

    public sealed class AutosaveInput
    {
        [Required, StringLength(100)]
        public string Key { get; set; } = "";

        [StringLength(300)]
        public string? Title { get; set; }

        [StringLength(2_000_000)]
        public string? Body { get; set; }

        public int Version { get; set; }
    }
}
