namespace Blog.Web.Portability.Import;

/// <summary>
/// Where images downloaded by an import are kept: the seam for the media library (and its photo pipeline), which
/// implements it once it is merged. While no implementation is registered, imported content keeps pointing at the
/// images' original addresses and the report says so.
/// </summary>
public interface IImportedImageStore
{
    /// <summary>Keeps the image and returns the address the content should use from now on (null if it refused it).</summary>
    Task<string?> StoreAsync(Stream content, string fileName, string? alt, CancellationToken cancellationToken);
}
