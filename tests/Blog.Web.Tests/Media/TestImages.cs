using System.Buffers.Binary;
using SkiaSharp;

namespace Blog.Web.Tests.Media;

/// <summary>Real image files made in the test: camera-like JPEGs with EXIF, PNGs, liars and bombs.</summary>
internal static class TestImages
{
    /// <summary>The latitude 51° 30′ 12.34″ as the three EXIF rationals a camera writes: what must never be served.</summary>
    public static readonly byte[] GpsLatitude = Rationals((51, 1), (30, 1), (1234, 100));

    /// <summary>IFD0's pointer to the GPS block: tag 0x8825, type LONG, count 1.</summary>
    public static readonly byte[] GpsPointerEntry = [0x88, 0x25, 0x00, 0x04, 0x00, 0x00, 0x00, 0x01];

    /// <summary>A photo whose top half is red and bottom half blue, so the way up can be seen in any variant.</summary>
    public static SKBitmap TwoTone(int width, int height)
    {
        var bitmap = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque);
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.Blue);
        using var red = new SKPaint { Color = SKColors.Red };
        canvas.DrawRect(0, 0, width, height / 2f, red);
        return bitmap;
    }

    /// <summary>A JPEG as a camera writes it: EXIF (orientation, and a GPS block when asked) right after the start marker.</summary>
    public static byte[] Jpeg(int width, int height, int? orientation = null, bool withGps = false)
    {
        using var bitmap = TwoTone(width, height);
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
        var jpeg = data.ToArray();
        if (orientation is null && !withGps)
        {
            return jpeg;
        }

        return [.. jpeg.AsSpan(0, 2), .. ExifSegment(orientation ?? 1, withGps), .. jpeg.AsSpan(2)];
    }

    public static byte[] Png(int width, int height)
    {
        using var bitmap = TwoTone(width, height);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>A tiny PNG whose header claims 50,000 × 50,000 pixels (2.5 gigapixels): a decompression bomb.</summary>
    public static byte[] HugePng()
    {
        var header = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, 50_000);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), 50_000);
        header[8] = 8; // bit depth
        header[9] = 2; // RGB
        byte[] emptyDeflate = [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01];
        return [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, .. Chunk("IHDR", header), .. Chunk("IDAT", emptyDeflate), .. Chunk("IEND", [])];
    }

    public static byte[] Svg() =>
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><script>alert(1)</script><rect width=\"10\" height=\"10\"/></svg>"u8.ToArray();

    public static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    /// <summary>
    /// APP1 with a big-endian TIFF block: IFD0 holds Orientation and (optionally) the GPS pointer; the GPS IFD holds
    /// latitude and longitude with their references.
    /// </summary>
    private static byte[] ExifSegment(int orientation, bool withGps)
    {
        var tiff = new List<byte> { (byte)'M', (byte)'M', 0x00, 0x2A, 0x00, 0x00, 0x00, 0x08 };
        var entries = withGps ? 2 : 1;
        var gpsIfd = 8 + 2 + (entries * 12) + 4; // 38 with GPS
        tiff.AddRange(U16(entries));
        tiff.AddRange(Entry(0x0112, 3, 1, [0x00, (byte)orientation, 0x00, 0x00]));
        if (withGps)
        {
            tiff.AddRange(Entry(0x8825, 4, 1, U32(gpsIfd)));
        }

        tiff.AddRange(U32(0));
        if (withGps)
        {
            var latitude = gpsIfd + 2 + (4 * 12) + 4;
            var longitude = latitude + 24;
            tiff.AddRange(U16(4));
            tiff.AddRange(Entry(0x0001, 2, 2, [(byte)'N', 0, 0, 0]));
            tiff.AddRange(Entry(0x0002, 5, 3, U32(latitude)));
            tiff.AddRange(Entry(0x0003, 2, 2, [(byte)'W', 0, 0, 0]));
            tiff.AddRange(Entry(0x0004, 5, 3, U32(longitude)));
            tiff.AddRange(U32(0));
            tiff.AddRange(GpsLatitude);
            tiff.AddRange(Rationals((0, 1), (7, 1), (3999, 100)));
        }

        byte[] payload = [.. "Exif\0\0"u8, .. tiff];
        return [0xFF, 0xE1, .. U16(payload.Length + 2), .. payload];
    }

    private static byte[] Entry(int tag, int type, int count, byte[] value) => [.. U16(tag), .. U16(type), .. U32(count), .. value];

    private static byte[] Rationals(params (int Numerator, int Denominator)[] values) =>
        values.SelectMany(v => U32(v.Numerator).Concat(U32(v.Denominator))).ToArray();

    private static byte[] U16(int value) => [(byte)(value >> 8), (byte)value];

    private static byte[] U32(int value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];

    private static byte[] Chunk(string type, byte[] data)
    {
        byte[] typed = [.. System.Text.Encoding.ASCII.GetBytes(type), .. data];
        return [.. U32(data.Length), .. typed, .. U32((int)Crc32(typed))];
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
