namespace Blog.Web.Media;

/// <summary>Limits on uploads, from <c>Blog:Media</c>.</summary>
public sealed class MediaOptions
{
    /// <summary>Largest file accepted: camera JPEGs run 20–50 MB.</summary>
    public long MaxUploadBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>
    /// Largest picture accepted, in pixels, read from the file's header before any pixel is decoded: a small file can
    /// claim a huge picture (a decompression bomb). 100 MP is above any camera's output.
    /// </summary>
    public long MaxPixels { get; set; } = 100_000_000;

    /// <summary>Files in one form post (the no-JavaScript form takes several at once).</summary>
    public int MaxFilesPerPost { get; set; } = 10;

    /// <summary>Quality of the WebP and JPEG variants: about 80 keeps photos clean at a fraction of the size.</summary>
    public int Quality { get; set; } = 80;

    public long MaxRequestBytes => (MaxUploadBytes * MaxFilesPerPost) + (1024 * 1024);
}
