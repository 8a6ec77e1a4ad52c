namespace Blog.Web.Media;

/// <summary>
/// One photo in the library. Its bytes live in <see cref="MediaBlob"/> rows (one per variant), so listing the library
/// never loads an image; readers reach it by id only, never by the name it was uploaded with.
/// </summary>
public sealed class MediaItem
{
    public const int MaxAltLength = 500;
    public const int MaxCaptionLength = 1000;

    public int Id { get; private set; }

    /// <summary>The uploaded file's name, shown to the author; never used as a path.</summary>
    public string FileName { get; private set; } = "";

    /// <summary>What the content decoded as: jpeg, png, webp or gif.</summary>
    public string Format { get; private set; } = "";

    /// <summary>Size as displayed, after the EXIF orientation is applied.</summary>
    public int Width { get; private set; }

    public int Height { get; private set; }

    /// <summary>The EXIF orientation (1–8) of the uploaded file, restored on the stripped original download.</summary>
    public int Orientation { get; private set; } = 1;

    /// <summary>Size of the uploaded file in bytes.</summary>
    public long ByteSize { get; private set; }

    public string? AltText { get; set; }

    public string? Caption { get; set; }

    public DateTime UploadedAtUtc { get; private set; }

    /// <summary>Where a crop of the photo (a cover) centres, in percent of its width; 50 is the middle.</summary>
    public int FocusX { get; set; } = 50;

    /// <summary>Where a crop centres, in percent of its height.</summary>
    public int FocusY { get; set; } = 50;

    /// <summary>What the camera wrote into the file, read once at upload; never its location.</summary>
    public CameraDetails Camera { get; set; } = new();

    public List<MediaVariant> Variants { get; } = [];

    private MediaItem()
    {
    }

    public MediaItem(string fileName, string format, int width, int height, int orientation, long byteSize, DateTime uploadedAtUtc)
    {
        FileName = fileName;
        Format = format;
        Width = width;
        Height = height;
        Orientation = orientation;
        ByteSize = byteSize;
        UploadedAtUtc = uploadedAtUtc;
    }

    public ResponsiveImage Responsive => new(Id, Width, Height, AltText) { Caption = Caption, Focus = FocalPoint.Of(FocusX, FocusY) };
}

/// <summary>
/// One file made from an upload: a resized WebP or JPEG, the "original" readers may download (location stripped),
/// or the untouched "source" kept only for re-processing and never served.
/// </summary>
public sealed class MediaVariant
{
    public const string Source = "source";
    public const string Original = "original";

    public int Id { get; private set; }

    public int MediaItemId { get; private set; }

    /// <summary>"480", "960", … (the width), "original" or "source".</summary>
    public string Name { get; private set; } = "";

    /// <summary>webp, jpg or png: the last part of its address.</summary>
    public string Extension { get; private set; } = "";

    public string ContentType { get; private set; } = "";

    public int Width { get; private set; }

    public int Height { get; private set; }

    /// <summary>Bytes served (for the stripped original, the length after stripping).</summary>
    public long Length { get; private set; }

    /// <summary>A hash of the bytes served, quoted: a strong ETag.</summary>
    public string ETag { get; private set; } = "";

    /// <summary>
    /// Set on an "original" that is the source with its location metadata removed as it is streamed, so the same photo
    /// is not stored twice.
    /// </summary>
    public bool StrippedFromSource { get; private set; }

    private MediaVariant()
    {
    }

    public MediaVariant(string name, string extension, string contentType, int width, int height, long length, string etag, bool strippedFromSource = false)
    {
        Name = name;
        Extension = extension;
        ContentType = contentType;
        Width = width;
        Height = height;
        Length = length;
        ETag = etag;
        StrippedFromSource = strippedFromSource;
    }
}

/// <summary>
/// The bytes of one variant, in a table of their own keyed by the variant's id (SQLite's rowid), written and read
/// as streams rather than as whole arrays (see MediaBlobs: SqliteBlob on SQLite, bytea streamed on PostgreSQL).
/// </summary>
public sealed class MediaBlob
{
    public int VariantId { get; private set; }

    public byte[] Data { get; private set; } = [];

    private MediaBlob()
    {
    }
}
