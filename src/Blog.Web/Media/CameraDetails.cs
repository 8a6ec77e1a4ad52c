using System.Globalization;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;

namespace Blog.Web.Media;

/// <summary>
/// Camera, lens and exposure, as the camera wrote them into the photo; read once at upload, shown under photos only
/// when the author turns it on. The GPS directory is never read, so no location is ever kept here.
/// </summary>
public sealed class CameraDetails
{
    public const int MaxTextLength = 100;

    public string? Camera { get; set; }

    public string? Lens { get; set; }

    /// <summary>In millimetres.</summary>
    public double? FocalLength { get; set; }

    /// <summary>The f-number: 2.8 is ƒ/2.8.</summary>
    public double? Aperture { get; set; }

    /// <summary>In seconds.</summary>
    public double? ExposureTime { get; set; }

    public int? Iso { get; set; }

    public bool IsEmpty => Summary is null;

    /// <summary>One line: “X100V · 23 mm · ƒ/2 · 1/250 s · ISO 400”, or null when the file said nothing.</summary>
    public string? Summary
    {
        get
        {
            var parts = new List<string>();
            Add(parts, Camera);
            Add(parts, Lens);
            if (FocalLength is > 0 and var focal)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{focal:0.#} mm"));
            }

            if (Aperture is > 0 and var aperture)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"ƒ/{aperture:0.#}"));
            }

            if (ExposureTime is > 0 and var time)
            {
                parts.Add(time < 0.5
                    ? string.Create(CultureInfo.InvariantCulture, $"1/{Math.Round(1 / time):0} s")
                    : string.Create(CultureInfo.InvariantCulture, $"{time:0.#} s"));
            }

            if (Iso is > 0 and var iso)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"ISO {iso}"));
            }

            return parts.Count == 0 ? null : string.Join(" · ", parts);
        }
    }

    private static void Add(List<string> parts, string? text)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            parts.Add(text);
        }
    }

    /// <summary>Reads the EXIF camera and exposure tags of an image file; a file without them (or unreadable) gives empty details.</summary>
    public static CameraDetails Read(byte[] bytes)
    {
        var details = new CameraDetails();
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            var directories = ImageMetadataReader.ReadMetadata(stream);
            var main = directories.OfType<ExifIfd0Directory>().FirstOrDefault();
            var exif = directories.OfType<ExifSubIfdDirectory>().FirstOrDefault();
            var make = Text(main?.GetDescription(ExifDirectoryBase.TagMake));
            var model = Text(main?.GetDescription(ExifDirectoryBase.TagModel));
            details.Camera = model is null ? make
                : make is null || model.StartsWith(make.Split(' ')[0], StringComparison.OrdinalIgnoreCase) ? model
                : $"{make} {model}";
            details.Camera = Text(details.Camera);
            details.Lens = Text(exif?.GetDescription(ExifDirectoryBase.TagLensModel));
            details.FocalLength = Number(exif, ExifDirectoryBase.TagFocalLength);
            details.Aperture = Number(exif, ExifDirectoryBase.TagFNumber);
            details.ExposureTime = Number(exif, ExifDirectoryBase.TagExposureTime);
            details.Iso = exif is not null && exif.TryGetInt32(ExifDirectoryBase.TagIsoEquivalent, out var iso) && iso > 0 ? iso : null;
        }
        catch (Exception ex) when (ex is ImageProcessingException or IOException or ArgumentException or InvalidOperationException or IndexOutOfRangeException or OverflowException)
        {
            // Metadata is a nicety: a file whose tags cannot be read is still a photo.
        }

        return details;
    }

    private static double? Number(ExifDirectoryBase? directory, int tag) =>
        directory is not null && directory.TryGetRational(tag, out var value) && value.Denominator != 0 && value.ToDouble() is > 0 and < 100_000 and var number
            ? number
            : null;

    private static string? Text(string? text)
    {
        var trimmed = new string((text ?? "").Where(c => !char.IsControl(c)).ToArray()).Trim();
        return trimmed.Length == 0 ? null : trimmed.Length > MaxTextLength ? trimmed[..MaxTextLength] : trimmed;
    }
}
