using Blog.Web.Portability.Export;
using Blog.Web.Seo;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Blog.Web.Areas.Admin.Pages.Portability;

/// <summary>Downloads everything: a zip of Markdown files with site.json, or a WXR file for WordPress and Ghost.</summary>
public sealed class ExportModel(TimeProvider clock) : PageModel, IHasPageMetadata
{
    public PageMetadata Metadata => new("Export");

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnGetZipAsync([FromServices] MarkdownExporter exporter, CancellationToken cancellationToken)
    {
        var file = TemporaryFile();
        await exporter.WriteAsync(file, cancellationToken);
        file.Position = 0;
        return File(file, "application/zip", $"blog-export-{Stamp}.zip");
    }

    public async Task<IActionResult> OnGetWxrAsync([FromServices] WxrWriter writer, CancellationToken cancellationToken)
    {
        var file = TemporaryFile();
        await writer.WriteAsync(file, $"{Request.Scheme}://{Request.Host}/", cancellationToken);
        file.Position = 0;
        return File(file, "application/rss+xml", $"blog-export-{Stamp}.xml");
    }

    private string Stamp => clock.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Built on disk rather than in memory (a blog can be large), and gone once the download is sent.</summary>
    internal static FileStream TemporaryFile() =>
        new(Path.Combine(Path.GetTempPath(), $"blog-{Guid.NewGuid():N}.tmp"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
}
