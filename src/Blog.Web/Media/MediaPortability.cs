using System.IO.Compression;
using Blog.Web.Data;
using Blog.Web.Portability.Export;
using Blog.Web.Portability.Import;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Media;

/// <summary>Images an import brings in go through the photo pipeline into the library, like the author's uploads.</summary>
internal sealed class MediaImportStore(MediaLibrary library) : IImportedImageStore
{
    public async Task<string?> StoreAsync(Stream content, string fileName, string? alt, CancellationToken cancellationToken)
    {
        var result = await library.AddAsync(fileName, await WholeAsync(content, cancellationToken), alt, cancellationToken);
        return result.Item?.Responsive.FallbackUrl;
    }

    /// <summary>The photo as one array, copied only when it is not one already: an import holds one photo at a time, once.</summary>
    private static async Task<byte[]> WholeAsync(Stream content, CancellationToken cancellationToken)
    {
        if (content is MemoryStream memory && memory.TryGetBuffer(out var buffer) && buffer.Offset == 0 && buffer.Count == buffer.Array!.Length)
        {
            return buffer.Array;
        }

        using var copy = new MemoryStream(content.CanSeek ? (int)Math.Min(content.Length - content.Position, int.MaxValue) : 0);
        await content.CopyToAsync(copy, cancellationToken);
        return copy.ToArray();
    }
}

/// <summary>
/// The export's <c>media/{id}/{file name}</c> entries: each photo's original as the author uploaded it (the export is
/// the owner's own copy of the blog, so nothing is stripped), read from its blob as a stream.
/// </summary>
internal sealed class MediaExport(BlogDbContext db) : IExportedMedia
{
    public async Task AddOriginalsAsync(ZipArchive zip, CancellationToken cancellationToken)
    {
        var sources = await db.MediaVariants.AsNoTracking()
            .Where(v => v.Name == MediaVariant.Source)
            .Join(db.MediaItems.AsNoTracking(), v => v.MediaItemId, i => i.Id, (v, i) => new { VariantId = v.Id, i.Id, i.FileName })
            .OrderBy(s => s.Id)
            .ToListAsync(cancellationToken);

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            foreach (var source in sources)
            {
                var entry = zip.CreateEntry(BundledMedia.EntryName(source.Id, source.FileName), CompressionLevel.NoCompression);
                await using var target = await entry.OpenAsync(cancellationToken);
                await using var blob = await MediaBlobs.OpenReadAsync(db, source.VariantId, cancellationToken);
                await blob.CopyToAsync(target, cancellationToken);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
