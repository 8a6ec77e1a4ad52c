using System.Data;
using System.Data.Common;
using Blog.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Blog.Web.Media;

/// <summary>
/// The bytes of photo variants (the MediaBlobs table), streamed in and out, never held whole by the database layer.
/// SQLite: a <see cref="SqliteBlob"/> opened on the row (its rowid is the variant's id), reserved at its final size
/// and written in place. PostgreSQL: a bytea column, written from a stream parameter (Npgsql sends it in chunks) and
/// read with <see cref="CommandBehavior.SequentialAccess"/>, which streams the value off the wire as it is read.
/// </summary>
internal static class MediaBlobs
{
    /// <summary>Stores <paramref name="length"/> bytes read from <paramref name="source"/> as variant <paramref name="variantId"/>'s.</summary>
    public static async Task WriteAsync(
        BlogDbContext db, IDbContextTransaction transaction, int variantId, Stream source, long length, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        if (connection is NpgsqlConnection postgres)
        {
            await using var insert = new NpgsqlCommand("""INSERT INTO "MediaBlobs" ("VariantId", "Data") VALUES (@id, @data)""", postgres);
            insert.Transaction = (NpgsqlTransaction)transaction.GetDbTransaction();
            insert.Parameters.Add(new NpgsqlParameter<int>("id", variantId));
            insert.Parameters.Add(new NpgsqlParameter("data", NpgsqlDbType.Bytea) { Value = source, Size = checked((int)length) });
            await insert.ExecuteNonQueryAsync(cancellationToken);
            return;
        }

        var sqlite = (SqliteConnection)connection;
        await using (var insert = sqlite.CreateCommand())
        {
            insert.Transaction = (SqliteTransaction)transaction.GetDbTransaction();
            insert.CommandText = "INSERT INTO MediaBlobs (VariantId, Data) VALUES ($id, zeroblob($length))";
            insert.Parameters.AddWithValue("$id", variantId);
            insert.Parameters.AddWithValue("$length", length);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        using var blob = new SqliteBlob(sqlite, "MediaBlobs", "Data", variantId);
        await source.CopyToAsync(blob, cancellationToken);
    }

    /// <summary>
    /// Variant <paramref name="variantId"/>'s bytes as a read-only stream, on the context's connection, which the caller
    /// has opened and keeps open until the stream is disposed.
    /// </summary>
    public static async Task<Stream> OpenReadAsync(BlogDbContext db, int variantId, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        if (connection is SqliteConnection sqlite)
        {
            return new SqliteBlob(sqlite, "MediaBlobs", "Data", variantId, readOnly: true);
        }

        var command = connection.CreateCommand();
        try
        {
            command.CommandText = """SELECT "Data" FROM "MediaBlobs" WHERE "VariantId" = @id""";
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            var id = command.CreateParameter();
            id.ParameterName = "id";
            id.Value = variantId;
            command.Parameters.Add(id);
            var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess | CommandBehavior.SingleRow, cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                await reader.DisposeAsync();
                throw new InvalidOperationException($"No bytes are stored for photo variant {variantId}.");
            }

            return new ReaderStream(reader.GetStream(0), reader, command);
        }
        catch
        {
            await command.DisposeAsync();
            throw;
        }
    }

    /// <summary>The column's stream, which also closes its reader and command when disposed.</summary>
    private sealed class ReaderStream(Stream inner, DbDataReader reader, DbCommand command) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override int Read(Span<byte> buffer) => inner.Read(buffer);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            inner.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            inner.ReadAsync(buffer, offset, count, cancellationToken);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
                reader.Dispose();
                command.Dispose();
            }

            base.Dispose(disposing);
        }

        public override async ValueTask DisposeAsync()
        {
            await inner.DisposeAsync();
            await reader.DisposeAsync();
            await command.DisposeAsync();
            await base.DisposeAsync();
        }
    }
}
