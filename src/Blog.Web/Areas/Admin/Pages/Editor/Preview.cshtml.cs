using Blog.Web.Markdown;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Blog.Web.Areas.Admin.Pages.Editor;

/// <summary>The live preview: Markdown rendered by the same sanitized pipeline the site uses.</summary>
public sealed class PreviewModel(MarkdownRenderer renderer) : PageModel
{
    public IActionResult OnGet() => NotFound();

    public IActionResult OnPost([FromForm(Name = "Input.Body")] string? body) =>
        Content(renderer.RenderHtml(body), "text/html; charset=utf-8");
}
