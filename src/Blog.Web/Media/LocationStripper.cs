using System.Buffers.Binary;

namespace Blog.Web.Media;

/// <summary>
/// Streams an uploaded JPEG or PNG without the metadata that can hold a location (EXIF with its GPS block, XMP, IPTC,
/// comments, text chunks), leaving the image data byte for byte. Used at upload to measure and hash the original
/// download, and when serving it, so the camera's file is stored once and its location is never sent.
/// </summary>
public static class LocationStripper
{
    private const byte Marker = 0xFF;
    private const byte StartOfScan = 0xDA;
    private const byte EndOfImage = 0xD9;
    private static readonly string[] PngTextChunks = ["eXIf", "tEXt", "zTXt", "iTXt"];

    public static Task CopyAsync(Stream source, Stream destination, string format, int orientation, CancellationToken cancellationToken) =>
        format == "png" ? CopyPngAsync(source, destination, cancellationToken) : CopyJpegAsync(source, destination, orientation, cancellationToken);

    private static async Task CopyJpegAsync(Stream source, Stream destination, int orientation, CancellationToken cancellationToken)
    {
        var header = new byte[4];
        await source.ReadExactlyAsync(header.AsMemory(0, 2), cancellationToken);
        await destination.WriteAsync(header.AsMemory(0, 2), cancellationToken); // start of image

        // Dropping EXIF drops the orientation too; a minimal EXIF block with only that keeps the download upright.
        if (orientation is > 1 and <= 8)
        {
            await destination.WriteAsync(OrientationSegment(orientation), cancellationToken);
        }

        var segment = new byte[ushort.MaxValue];
        while (true)
        {
            if (await source.ReadAtLeastAsync(header.AsMemory(0, 2), 2, throwOnEndOfStream: false, cancellationToken) < 2 || header[0] != Marker)
            {
                return; // not a marker where one belongs: the rest is not image data we understand
            }

            var marker = header[1];
            while (marker == Marker)
            {
                var next = source.ReadByte(); // fill bytes before a marker
                if (next < 0)
                {
                    return;
                }

                marker = (byte)next;
            }

            if (marker == StartOfScan)
            {
                await destination.WriteAsync(new byte[] { Marker, StartOfScan }, cancellationToken);
                await CopyToEndOfImageAsync(source, destination, cancellationToken);
                return;
            }

            if (marker is EndOfImage or 0x01 or (>= 0xD0 and <= 0xD7))
            {
                await destination.WriteAsync(new byte[] { Marker, marker }, cancellationToken);
                if (marker == EndOfImage)
                {
                    return;
                }

                continue;
            }

            await source.ReadExactlyAsync(header.AsMemory(2, 2), cancellationToken);
            var length = BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(2)) - 2;
            if (length < 0)
            {
                return;
            }

            await source.ReadExactlyAsync(segment.AsMemory(0, length), cancellationToken);
            if (!IsMetadata(marker, segment.AsSpan(0, length)))
            {
                header[1] = marker;
                await destination.WriteAsync(header, cancellationToken);
                await destination.WriteAsync(segment.AsMemory(0, length), cancellationToken);
            }
        }
    }

    /// <summary>APP1 (EXIF, XMP), APP13 (IPTC), comments, and the multi-picture index of previews we cut off.</summary>
    private static bool IsMetadata(byte marker, ReadOnlySpan<byte> payload) =>
        marker is 0xE1 or 0xED or 0xFE || (marker == 0xE2 && payload.StartsWith("MPF\0"u8));

    /// <summary>
    /// Copies the entropy-coded scans up to the end-of-image marker and no further: cameras append preview JPEGs,
    /// each with its own EXIF, after it.
    /// </summary>
    private static async Task CopyToEndOfImageAsync(Stream source, Stream destination, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        var previousWasMarker = false;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                if (previousWasMarker && buffer[i] == EndOfImage)
                {
                    await destination.WriteAsync(buffer.AsMemory(0, i + 1), cancellationToken);
                    return;
                }

                previousWasMarker = buffer[i] == Marker;
            }

            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
    }

    private static async Task CopyPngAsync(Stream source, Stream destination, CancellationToken cancellationToken)
    {
        var header = new byte[8];
        await source.ReadExactlyAsync(header, cancellationToken);
        await destination.WriteAsync(header, cancellationToken); // signature

        var buffer = new byte[81920];
        while (await source.ReadAtLeastAsync(header, 8, throwOnEndOfStream: false, cancellationToken) == 8)
        {
            var remaining = BinaryPrimitives.ReadUInt32BigEndian(header) + 4L; // data and CRC
            var type = System.Text.Encoding.ASCII.GetString(header, 4, 4);
            var keep = !PngTextChunks.Contains(type);
            if (keep)
            {
                await destination.WriteAsync(header, cancellationToken);
            }

            while (remaining > 0)
            {
                var read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), cancellationToken);
                if (read == 0)
                {
                    return;
                }

                if (keep)
                {
                    await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }

                remaining -= read;
            }

            if (type == "IEND")
            {
                return;
            }
        }
    }

    /// <summary>An APP1 segment holding a big-endian TIFF block with a single IFD entry: Orientation.</summary>
    internal static byte[] OrientationSegment(int orientation) =>
    [
        0xFF, 0xE1, 0x00, 0x22, // APP1, length 34
        (byte)'E', (byte)'x', (byte)'i', (byte)'f', 0, 0,
        (byte)'M', (byte)'M', 0x00, 0x2A, 0x00, 0x00, 0x00, 0x08, // TIFF header, first IFD at 8
        0x00, 0x01, // one entry
        0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, (byte)orientation, 0x00, 0x00, // Orientation, SHORT, 1
        0x00, 0x00, 0x00, 0x00, // no next IFD
    ];
}

/// <summary>Counts and hashes what is written to it, to learn a stream's length and ETag without keeping it.</summary>
internal sealed class MeasuringStream : Stream
{
    private readonly System.Security.Cryptography.IncrementalHash hash =
        System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => Position;

    public override long Position { get; set; }

    public string ETag => MediaETag.From(hash.GetHashAndReset());

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        hash.AppendData(buffer);
        Position += buffer.Length;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            hash.Dispose();
        }

        base.Dispose(disposing);
    }
}

internal static class MediaETag
{
    /// <summary>A strong ETag from a content hash: the same bytes always get the same tag.</summary>
    public static string From(ReadOnlySpan<byte> sha256) =>
        "\"" + Convert.ToHexStringLower(sha256[..16]) + "\"";

    public static string Of(ReadOnlySpan<byte> content) => From(System.Security.Cryptography.SHA256.HashData(content));
}
