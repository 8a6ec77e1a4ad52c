using SkiaSharp;

namespace Blog.Web.Media;

/// <summary>An upload that is not a photo the blog can take; the message is for the author.</summary>
public sealed class MediaRejectedException(string message) : Exception(message);

/// <summary>One encoded file made from an upload, held until it is written to the database.</summary>
public sealed record EncodedVariant(string Name, string Extension, string ContentType, int Width, int Height, SKData Data) : IDisposable
{
    public void Dispose() => Data.Dispose();
}

/// <summary>What an upload turned into: its decoded format and displayed size, and the files to store.</summary>
public sealed record ProcessedImage(string Format, int Width, int Height, int Orientation, IReadOnlyList<EncodedVariant> Variants) : IDisposable
{
    /// <summary>Whether the upload's own bytes, with location metadata stripped as they are streamed, can be the original download.</summary>
    public bool OriginalIsStrippedSource => Format is "jpeg" or "png";

    public void Dispose()
    {
        foreach (var variant in Variants)
        {
            variant.Dispose();
        }
    }
}

/// <summary>
/// Turns uploaded bytes into the variants readers get. The content decides what a file is (never its name), the
/// header's dimensions are checked before any pixel is decoded, EXIF orientation is applied to the pixels, and the
/// encoders write no metadata, so no variant carries a location.
/// </summary>
public static class ImageProcessor
{
    public const string Unsupported = "is not a photo the blog can use: upload a JPEG, PNG, WebP or GIF image (SVG and other formats are refused).";

    public static ProcessedImage Process(byte[] bytes, MediaOptions options)
    {
        using var input = new MemoryStream(bytes, writable: false);
        using var codec = SKCodec.Create(input) ?? throw new MediaRejectedException(Unsupported);
        var format = codec.EncodedFormat switch
        {
            SKEncodedImageFormat.Jpeg => "jpeg",
            SKEncodedImageFormat.Png => "png",
            SKEncodedImageFormat.Webp => "webp",
            SKEncodedImageFormat.Gif => "gif",
            _ => throw new MediaRejectedException(Unsupported),
        };

        var (encodedWidth, encodedHeight) = (codec.Info.Width, codec.Info.Height);
        if ((long)encodedWidth * encodedHeight > options.MaxPixels)
        {
            throw new MediaRejectedException(
                $"is {encodedWidth:N0} × {encodedHeight:N0} pixels; the largest picture accepted is {options.MaxPixels / 1_000_000.0:0.#} megapixels.");
        }

        var origin = codec.EncodedOrigin;
        var turned = (int)origin >= (int)SKEncodedOrigin.LeftTop;
        var (width, height) = turned ? (encodedHeight, encodedWidth) : (encodedWidth, encodedHeight);
        var widths = ResponsiveImage.WidthsFor(width);

        // Full resolution is only needed when the original download is re-encoded; otherwise JPEG's cheap DCT
        // scaling decodes a camera photo at the smallest size still at least as wide as the widest variant.
        var needsFullSize = format is "webp" or "gif";
        using var decoded = Decode(codec, needsFullSize ? int.MaxValue : widths[^1], turned);
        using var oriented = Orient(decoded, origin);

        var variants = new List<EncodedVariant>();
        try
        {
            if (needsFullSize)
            {
                // Re-encoding is the simple way to drop any metadata these formats carry; lossless keeps every pixel.
                variants.Add(Encode(MediaVariant.Original, oriented, "webp", new SKWebpEncoderOptions(SKWebpEncoderCompression.Lossless, 25)));
            }

            var current = oriented;
            foreach (var variantWidth in widths.Reverse())
            {
                var next = Resize(current, variantWidth, ResponsiveImage.HeightAt(width, height, variantWidth));
                if (!ReferenceEquals(current, oriented) && !ReferenceEquals(current, next))
                {
                    current.Dispose();
                }

                current = next;
                var name = variantWidth.ToString(System.Globalization.CultureInfo.InvariantCulture);
                variants.Add(Encode(name, current, "webp", new SKWebpEncoderOptions(SKWebpEncoderCompression.Lossy, options.Quality)));
                variants.Add(EncodeJpeg(name, current, options.Quality));
            }

            if (!ReferenceEquals(current, oriented))
            {
                current.Dispose();
            }

            return new ProcessedImage(format, width, height, (int)origin, variants);
        }
        catch
        {
            variants.ForEach(v => v.Dispose());
            throw;
        }
    }

    private static SKBitmap Decode(SKCodec codec, int widestNeeded, bool turned)
    {
        var size = codec.Info.Size;
        foreach (var scale in new[] { 0.125f, 0.25f, 0.5f })
        {
            var scaled = codec.GetScaledDimensions(scale);
            if ((turned ? scaled.Height : scaled.Width) >= widestNeeded && scaled.Width < size.Width)
            {
                size = scaled;
                break;
            }
        }

        var alpha = codec.Info.AlphaType == SKAlphaType.Opaque ? SKAlphaType.Opaque : SKAlphaType.Premul;
        var info = new SKImageInfo(size.Width, size.Height, SKImageInfo.PlatformColorType, alpha);
        var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result is not SKCodecResult.Success)
        {
            bitmap.Dispose();
            throw new MediaRejectedException(result == SKCodecResult.IncompleteInput
                ? "is incomplete (the file was cut short); upload it again."
                : "could not be decoded; it may be damaged.");
        }

        return bitmap;
    }

    /// <summary>Redraws the pixels the way the camera was held, so no reader depends on EXIF support.</summary>
    private static SKBitmap Orient(SKBitmap bitmap, SKEncodedOrigin origin)
    {
        if (origin == SKEncodedOrigin.TopLeft)
        {
            return bitmap.Copy();
        }

        var (w, h) = (bitmap.Width, bitmap.Height);
        var turned = (int)origin >= (int)SKEncodedOrigin.LeftTop;
        var (dw, dh) = turned ? (h, w) : (w, h);

        // Each maps a source point (x, y) to where it is seen: x' = a·x + b·y + c, y' = d·x + e·y + f.
        var matrix = origin switch
        {
            SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, dw, 0, 1, 0, 0, 0, 1),
            SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, dw, 0, -1, dh, 0, 0, 1),
            SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, dh, 0, 0, 1),
            SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightTop => new SKMatrix(0, -1, dw, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, dw, -1, 0, dh, 0, 0, 1),
            _ => new SKMatrix(0, 1, 0, -1, 0, dh, 0, 0, 1), // LeftBottom
        };

        var oriented = new SKBitmap(new SKImageInfo(dw, dh, bitmap.ColorType, bitmap.AlphaType));
        using var canvas = new SKCanvas(oriented);
        canvas.SetMatrix(in matrix);
        canvas.DrawBitmap(bitmap, 0, 0);
        canvas.Flush();
        return oriented;
    }

    private static SKBitmap Resize(SKBitmap source, int width, int height)
    {
        if (source.Width == width && source.Height == height)
        {
            return source;
        }

        // Mipmaps keep a large reduction from aliasing; a cubic filter keeps a small one sharp.
        var sampling = width * 2 < source.Width
            ? new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear)
            : new SKSamplingOptions(SKCubicResampler.Mitchell);
        return source.Resize(new SKImageInfo(width, height, source.ColorType, source.AlphaType), sampling)
            ?? throw new MediaRejectedException("could not be resized.");
    }

    private static EncodedVariant EncodeJpeg(string name, SKBitmap bitmap, int quality)
    {
        var options = new SKJpegEncoderOptions(quality, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore);
        if (bitmap.AlphaType == SKAlphaType.Opaque)
        {
            return Encode(name, bitmap, "jpg", options);
        }

        // JPEG has no transparency: lay the picture on white rather than let transparent pixels turn black.
        using var flat = new SKBitmap(new SKImageInfo(bitmap.Width, bitmap.Height, bitmap.ColorType, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(flat))
        {
            canvas.Clear(SKColors.White);
            canvas.DrawBitmap(bitmap, 0, 0);
        }

        return Encode(name, flat, "jpg", options);
    }

    private static EncodedVariant Encode<TOptions>(string name, SKBitmap bitmap, string extension, TOptions options)
        where TOptions : struct
    {
        using var pixmap = bitmap.PeekPixels();
        var data = options switch
        {
            SKWebpEncoderOptions webp => pixmap.Encode(webp),
            SKJpegEncoderOptions jpeg => pixmap.Encode(jpeg),
            _ => null,
        } ?? throw new MediaRejectedException("could not be encoded.");
        var contentType = extension == "jpg" ? "image/jpeg" : "image/" + extension;
        return new EncodedVariant(name, extension, contentType, bitmap.Width, bitmap.Height, data);
    }
}
