using System.IO.Compression;

namespace Blog.Web.Portability.Export;

/// <summary>
/// The seam through which the media library (not merged yet) adds its originals to an export, under <c>media/</c>.
/// While nothing implements it, exports carry posts, pages and site.json only.
/// </summary>
public interface IExportedMedia
{
    Task AddOriginalsAsync(ZipArchive zip, CancellationToken cancellationToken);
}
