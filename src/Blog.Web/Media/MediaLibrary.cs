using Blog.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace Blog.Web.Media;

/// <summary>The outcome of one uploaded file: the stored photo, or why it was refused.</summary>
public sealed record UploadResult(string FileName, MediaItem? Item, string? Error)
{
    public bool Succeeded => Item is not null;
}

/// <summary>
/// Stores uploads in the blog's database: the photo's rows and every variant's bytes in one transaction, so a
/// refused or failed upload leaves nothing behind. Bytes go in and out as streams (<see cref="MediaBlobs"/>).
/// </summary>
public sealed partial class MediaLibrary(BlogDbContext db, TimeProvider clock, IOptions<MediaOptions> options, ILogger<MediaLibrary> logger)
{
    public MediaOptions Options => options.Value;

    public async Task<UploadResult> UploadAsync(IFormFile file, string? altText, CancellationToken cancellationToken)
    {
        var name = DisplayName(file.FileName);
        if (file.Length == 0)
        {
            return new(name, null, $"“{name}” is empty.");
        }

        if (file.Length > Options.MaxUploadBytes)
        {
            return new(name, null, $"“{name}” is {Megabytes(file.Length)}; the largest file accepted is {Megabytes(Options.MaxUploadBytes)}.");
        }

        // The one whole copy of the upload in memory: the decoder, the stripper and the blob writer all read it.
        var bytes = new byte[file.Length];
        await using (var upload = file.OpenReadStream())
        {
            await upload.ReadExactlyAsync(bytes, cancellationToken);
        }

        return await AddAsync(name, bytes, altText, cancellationToken);
    }

    /// <summary>Adds a photo whose bytes are already in memory (an import), through the same pipeline as an upload.</summary>
    public async Task<UploadResult> AddAsync(string fileName, byte[] bytes, string? altText, CancellationToken cancellationToken)
    {
        var name = DisplayName(fileName);
        if (bytes.LongLength > Options.MaxUploadBytes)
        {
            return new(name, null, $"“{name}” is {Megabytes(bytes.LongLength)}; the largest file accepted is {Megabytes(Options.MaxUploadBytes)}.");
        }

        try
        {
            using var processed = ImageProcessor.Process(bytes, Options);
            var item = await StoreAsync(name, bytes, processed, altText, cancellationToken);
            return new(name, item, null);
        }
        catch (MediaRejectedException refused)
        {
            return new(name, null, $"“{name}” {refused.Message}");
        }
        catch (Exception ex) when (ex is EndOfStreamException or InvalidDataException or ArgumentException)
        {
            LogUnreadableUpload(logger, ex, name);
            return new(name, null, $"“{name}” could not be read as an image; it may be damaged.");
        }
    }

    private async Task<MediaItem> StoreAsync(string name, byte[] bytes, ProcessedImage image, string? altText, CancellationToken cancellationToken)
    {
        var item = new MediaItem(name, image.Format, image.Width, image.Height, image.Orientation, bytes.LongLength, clock.GetUtcNow().UtcDateTime)
        {
            AltText = string.IsNullOrWhiteSpace(altText) ? null : altText.Trim(),
            Camera = CameraDetails.Read(bytes),
        };
        var sourceExtension = image.Format == "jpeg" ? "jpg" : image.Format;
        var source = new MediaVariant(MediaVariant.Source, sourceExtension, "image/" + image.Format, image.Width, image.Height, bytes.LongLength, MediaETag.Of(bytes));
        item.Variants.Add(source);
        if (image.OriginalIsStrippedSource)
        {
            await using var measure = new MeasuringStream();
            await LocationStripper.CopyAsync(new MemoryStream(bytes, writable: false), measure, image.Format, image.Orientation, cancellationToken);
            item.Variants.Add(new MediaVariant(
                MediaVariant.Original, sourceExtension, source.ContentType, image.Width, image.Height, measure.Length, measure.ETag, strippedFromSource: true));
        }

        var encoded = image.Variants.Select(v => (Variant: new MediaVariant(
            v.Name, v.Extension, v.ContentType, v.Width, v.Height, v.Data.Size, MediaETag.Of(v.Data.AsSpan())), v.Data)).ToList();
        item.Variants.AddRange(encoded.Select(e => e.Variant));

        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            db.Add(item);
            await db.SaveChangesAsync(cancellationToken);
            // The array overload: a span overload may copy a 50 MB upload into a pooled buffer first.
            // Streams over the arrays already in memory: nothing is copied on the way into the database.
            await MediaBlobs.WriteAsync(db, transaction, source.Id, new MemoryStream(bytes, writable: false), bytes.LongLength, cancellationToken);
            foreach (var (variant, data) in encoded)
            {
                await using var stream = data.AsStream(streamDisposesData: false);
                await MediaBlobs.WriteAsync(db, transaction, variant.Id, stream, data.Size, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        });
        return item;
    }

    /// <summary>A file name for display only: no folders, no control characters, not too long.</summary>
    private static string DisplayName(string? fileName)
    {
        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/'));
        name = new string(name.Where(c => !char.IsControl(c)).ToArray()).Trim();
        if (name.Length == 0)
        {
            return "photo";
        }

        return name.Length > 200 ? name[..200] : name;
    }

    public static string Megabytes(long bytes) =>
        bytes >= 1024 * 1024 ? $"{bytes / (1024.0 * 1024):0.#} MB" : $"{Math.Max(1, bytes / 1024)} KB";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upload {FileName} could not be processed")]
    private static partial void LogUnreadableUpload(ILogger logger, Exception exception, string fileName);
}
