using Blog.Web.Data;
using Blog.Web.Markdown;
using Blog.Web.Media;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Blog.Web.Areas.Admin.Pages.Editor;

/// <summary>The live preview: Markdown rendered by the same sanitized pipeline the site uses.</summary>
public sealed class PreviewModel(BlogDbContext db, MarkdownRenderer renderer) : PageModel
{
    public IActionResult OnGet() => NotFound();

    public async Task<IActionResult> OnPostAsync([FromForm(Name = "Input.Body")] string? body, CancellationToken cancellationToken) =>
        Content(renderer.RenderHtml(body, await db.LoadLibraryImagesAsync(cancellationToken, body)), "text/html; charset=utf-8");
}
