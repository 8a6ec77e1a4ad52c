using System.Diagnostics;
using System.Globalization;
using Blog.Web.Media;
using SkiaSharp;

namespace MediaBench;

/// <summary>
/// Makes a camera-sized photo (24 MP JPEG), runs it through the blog's upload pipeline, and compares what a phone
/// downloads for a ten-photo post with the originals.
/// </summary>
internal static class Bench
{
    private const int Width = 6000;
    private const int Height = 4000;

    private static async Task<int> Main()
    {
        Console.WriteLine($"Generating a {Width} × {Height} ({Width * Height / 1_000_000.0:0} MP) JPEG at quality 95 with camera-like detail and noise…");
        var original = MakePhoto();
        Console.WriteLine($"  original: {Mb(original.Length)}");

        var options = new MediaOptions();
        Process(original, options).Dispose(); // warm-up: JIT and native library load
        var timings = new List<double>();
        ProcessedImage? processed = null;
        for (var run = 0; run < 3; run++)
        {
            processed?.Dispose();
            var watch = Stopwatch.StartNew();
            processed = Process(original, options);
            await using var measure = Stream.Null;
            await LocationStripper.CopyAsync(new MemoryStream(original), measure, processed.Format, processed.Orientation, default);
            timings.Add(watch.Elapsed.TotalMilliseconds);
        }

        Console.WriteLine($"Processing (decode, orient, 4 widths × WebP + JPEG, strip location): median {timings.Order().ElementAt(1):0} ms over 3 runs ({Environment.ProcessorCount} cores)");
        Console.WriteLine("Variants:");
        foreach (var variant in processed!.Variants)
        {
            Console.WriteLine($"  {variant.Name,5}.{variant.Extension,-4} {variant.Width,5} × {variant.Height,-5} {Kb(variant.Data.Size),10}");
        }

        // A 400 px wide phone, sizes="(min-width: 44rem) 40rem, 100vw": the image slot is 400 CSS px, so the browser
        // wants 400 × devicePixelRatio pixels and takes the smallest WebP width at least that wide.
        const int photos = 10;
        var originals = (long)original.Length * photos;
        Console.WriteLine($"A ten-photo post on a 400 px wide phone (the same photo ten times):");
        Console.WriteLine($"  originals:           {Mb(originals),10}");
        foreach (var dpr in new[] { 1, 2, 3 })
        {
            var wanted = 400 * dpr;
            var chosen = processed.Variants.Where(v => v.Extension == "webp").OrderBy(v => v.Width).FirstOrDefault(v => v.Width >= wanted)
                ?? processed.Variants.Where(v => v.Extension == "webp").MaxBy(v => v.Width)!;
            var total = chosen.Data.Size * photos;
            Console.WriteLine($"  at {dpr}x ({chosen.Width} w WebP): {Kb(total),10}  = {100.0 * total / originals:0.0}% of the originals");
        }

        processed.Dispose();
        return 0;
    }

    private static ProcessedImage Process(byte[] bytes, MediaOptions options) => ImageProcessor.Process(bytes, options);

    /// <summary>Smooth gradients and shapes (sky, land) with per-pixel sensor noise, so JPEG sizes are like a camera's.</summary>
    private static byte[] MakePhoto()
    {
        using var bitmap = new SKBitmap(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(bitmap))
        {
            using var sky = new SKPaint { Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(0, Height), [new SKColor(70, 130, 200), new SKColor(250, 200, 150), new SKColor(40, 90, 40)], SKShaderTileMode.Clamp) };
            canvas.DrawRect(0, 0, Width, Height, sky);
            var random = new Random(24);
            using var paint = new SKPaint { IsAntialias = true };
            for (var i = 0; i < 400; i++)
            {
                paint.Color = new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(40, 200));
                canvas.DrawCircle(random.Next(Width), random.Next(Height / 3, Height), random.Next(10, 300), paint);
            }
        }

        var pixels = bitmap.GetPixelSpan();
        var noise = new Random(7);
        var span = System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref System.Runtime.InteropServices.MemoryMarshal.GetReference(pixels), pixels.Length); // writable: the bitmap owns these pixels
        for (var i = 0; i < span.Length; i += 4)
        {
            var n = noise.Next(-12, 13);
            span[i] = (byte)Math.Clamp(span[i] + n, 0, 255);
            span[i + 1] = (byte)Math.Clamp(span[i + 1] + n, 0, 255);
            span[i + 2] = (byte)Math.Clamp(span[i + 2] + n, 0, 255);
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 95);
        return data.ToArray();
    }

    private static string Mb(long bytes) => (bytes / (1024.0 * 1024)).ToString("0.0", CultureInfo.InvariantCulture) + " MB";

    private static string Kb(long bytes) => (bytes / 1024.0).ToString("0", CultureInfo.InvariantCulture) + " KB";
}
