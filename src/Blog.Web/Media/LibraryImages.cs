using Blog.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Media;

/// <summary>
/// The library photos a text refers to, loaded in one query before it is rendered, so the Markdown renderer can turn
/// them into responsive &lt;picture&gt; elements without touching the database itself.
/// </summary>
public sealed class LibraryImages(IReadOnlyDictionary<int, ResponsiveImage> images)
{
    public static readonly LibraryImages None = new(new Dictionary<int, ResponsiveImage>());

    public ResponsiveImage? Find(string? url) =>
        ResponsiveImage.TryParseId(url, out var id) && images.TryGetValue(id, out var image) ? image : null;
}

public static class LibraryImageQueries
{
    public static async Task<LibraryImages> LoadLibraryImagesAsync(this BlogDbContext db, CancellationToken cancellationToken, params string?[] texts)
    {
        var ids = texts.SelectMany(ResponsiveImage.IdsIn).Distinct().ToList();
        if (ids.Count == 0)
        {
            return LibraryImages.None;
        }

        var showCamera = await db.SiteSettings.AnyAsync(s => s.ShowCameraDetails, cancellationToken);
        var photos = await db.Set<MediaItem>().AsNoTracking()
            .Where(m => ids.Contains(m.Id))
            .Select(m => new { m.Id, m.Width, m.Height, m.AltText, m.Caption, m.FocusX, m.FocusY, m.Camera })
            .ToListAsync(cancellationToken);
        var images = photos.ToDictionary(m => m.Id, m => new ResponsiveImage(m.Id, m.Width, m.Height, m.AltText)
        {
            Caption = m.Caption,
            Focus = FocalPoint.Of(m.FocusX, m.FocusY),
            CameraDetails = showCamera ? m.Camera.Summary : null,
        });
        return new LibraryImages(images);
    }
}
