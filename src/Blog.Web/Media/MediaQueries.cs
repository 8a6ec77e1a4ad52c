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

/// <summary>How the library and the picker list photos: search words, the "needs a description" filter, an order.</summary>
public sealed record MediaFilter(string? Search, bool NeedsDescription, string Sort)
{
    public const string Newest = "newest";

    /// <summary>The orders offered, with their labels.</summary>
    public static readonly IReadOnlyList<(string Value, string Label)> Sorts =
        [(Newest, "Newest first"), ("oldest", "Oldest first"), ("name", "By file name"), ("largest", "Largest file first")];

    public static MediaFilter From(string? search, bool needsDescription, string? sort) =>
        new(string.IsNullOrWhiteSpace(search) ? null : search.Trim()[..Math.Min(search.Trim().Length, 200)], needsDescription,
            Sorts.Any(s => s.Value == sort) ? sort! : Newest);

    /// <summary>The photos this filter keeps; <paramref name="postgreSql"/>: on PostgreSQL, whose LIKE respects case (ILIKE does not).</summary>
    public IQueryable<MediaItem> Apply(IQueryable<MediaItem> items, bool postgreSql = false)
    {
        if (Search is { } search)
        {
            // Every word must be in the file name, the description or the caption (ignoring case: SQLite's LIKE does for ASCII, PostgreSQL's ILIKE).
            foreach (var word in search.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(8))
            {
                var pattern = "%" + word.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
                items = postgreSql
                    ? items.Where(m => EF.Functions.ILike(m.FileName, pattern, "\\")
                        || (m.AltText != null && EF.Functions.ILike(m.AltText, pattern, "\\"))
                        || (m.Caption != null && EF.Functions.ILike(m.Caption, pattern, "\\")))
                    : items.Where(m => EF.Functions.Like(m.FileName, pattern, "\\")
                        || (m.AltText != null && EF.Functions.Like(m.AltText, pattern, "\\"))
                        || (m.Caption != null && EF.Functions.Like(m.Caption, pattern, "\\")));
            }
        }

        if (NeedsDescription)
        {
            items = items.Where(m => m.AltText == null || m.AltText == "");
        }

        return Sort switch
        {
            "oldest" => items.OrderBy(m => m.UploadedAtUtc).ThenBy(m => m.Id),
            "name" => items.OrderBy(m => m.FileName).ThenByDescending(m => m.Id),
            "largest" => items.OrderByDescending(m => m.ByteSize).ThenByDescending(m => m.Id),
            _ => items.OrderByDescending(m => m.UploadedAtUtc).ThenByDescending(m => m.Id),
        };
    }
}
