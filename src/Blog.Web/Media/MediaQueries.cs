using Blog.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Media;

/// <summary>A photo as the library lists it; no bytes.</summary>
public sealed record MediaCard(int Id, string FileName, string? AltText, string? Caption, int Width, int Height, long ByteSize, DateTime UploadedAtUtc)
{
    public ResponsiveImage Image => new(Id, Width, Height, AltText);

    public string Size => MediaLibrary.Megabytes(ByteSize);
}

/// <summary>A post or page whose text or cover refers to a photo.</summary>
public sealed record MediaUse(string Kind, string Title, string EditUrl, bool InTrash);

public static class MediaQueries
{
    public static IQueryable<MediaCard> SelectCards(this IQueryable<MediaItem> items) =>
        items.Select(m => new MediaCard(m.Id, m.FileName, m.AltText, m.Caption, m.Width, m.Height, m.ByteSize, m.UploadedAtUtc));

    /// <summary>
    /// Finds uses by the photo's address in the Markdown and the cover, the way they were written: a photo is
    /// only ever addressed as /media/{id}/….
    /// </summary>
    public static async Task<IReadOnlyList<MediaUse>> UsesOfAsync(this BlogDbContext db, int id, CancellationToken cancellationToken)
    {
        var prefix = ResponsiveImage.UrlPrefix(id);
        var posts = await db.Posts.AsNoTracking()
            .Where(p => p.BodyMarkdown.Contains(prefix) || (p.CoverImageUrl != null && p.CoverImageUrl.Contains(prefix)))
            .OrderBy(p => p.Title)
            .Select(p => new MediaUse("post", p.Title, SitePaths.Admin.Post(p.Id), p.DeletedAtUtc != null))
            .ToListAsync(cancellationToken);
        var pages = await db.StaticPages.AsNoTracking()
            .Where(p => p.BodyMarkdown.Contains(prefix))
            .OrderBy(p => p.Title)
            .Select(p => new MediaUse("page", p.Title, SitePaths.Admin.Page(p.Id), p.DeletedAtUtc != null))
            .ToListAsync(cancellationToken);
        return [.. posts, .. pages];
    }
}
