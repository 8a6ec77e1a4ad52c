using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;

namespace Blog.Web.Caching;

/// <summary>
/// Stands in for the response body while a cacheable page renders, holding what the app writes so the page cache can
/// keep it, compress it and send it with its length. Past <c>limit</c> bytes it gives up and streams the response
/// through as written (the page is then not cached).
/// </summary>
internal sealed class ResponseCapture(IHttpResponseBodyFeature inner, int limit) : Stream, IHttpResponseBodyFeature
{
    private byte[] buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
    private int length;
    private PipeWriter? writer;

    /// <summary>The response went past the limit and was sent as it was written.</summary>
    public bool StreamedThrough { get; private set; }

    /// <summary>What the app wrote (when not <see cref="StreamedThrough"/>); valid until <see cref="Dispose(bool)"/>.</summary>
    public ReadOnlySpan<byte> Body => buffer.AsSpan(0, length);

    Stream IHttpResponseBodyFeature.Stream => this;

    PipeWriter IHttpResponseBodyFeature.Writer => writer ??= PipeWriter.Create(this, new StreamPipeWriterOptions(leaveOpen: true));

    void IHttpResponseBodyFeature.DisableBuffering()
    {
    }

    // Nothing reaches the client until the page is complete, unless it streams through.
    Task IHttpResponseBodyFeature.StartAsync(CancellationToken cancellationToken) =>
        StreamedThrough ? inner.StartAsync(cancellationToken) : Task.CompletedTask;

    Task IHttpResponseBodyFeature.SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken) =>
        SendFileFallback.SendFileAsync(this, path, offset, count, cancellationToken);

    Task IHttpResponseBodyFeature.CompleteAsync() => FinishAsync();

    /// <summary>Flushes what the app's pipe writer still holds into the capture.</summary>
    public async Task FinishAsync()
    {
        if (writer is not null)
        {
            await writer.FlushAsync();
        }
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> data)
    {
        if (StreamedThrough || length + data.Length > limit)
        {
            throw new InvalidOperationException("A page larger than the page cache's limit must be written asynchronously.");
        }

        Append(data);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        if (!StreamedThrough && length + data.Length > limit)
        {
            StreamedThrough = true;
            await inner.Stream.WriteAsync(buffer.AsMemory(0, length), cancellationToken);
            length = 0;
        }

        if (StreamedThrough)
        {
            await inner.Stream.WriteAsync(data, cancellationToken);
            return;
        }

        Append(data.Span);
    }

    private void Append(ReadOnlySpan<byte> data)
    {
        if (length + data.Length > buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, length + data.Length));
            buffer.AsSpan(0, length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = larger;
        }

        data.CopyTo(buffer.AsSpan(length));
        length += data.Length;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = [];
            length = 0;
        }

        base.Dispose(disposing);
    }
}
