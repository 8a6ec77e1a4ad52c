using System.Data.Common;
using System.Reflection;
using Blog.Web.Data;
using Blog.Web.Media;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace Blog.Web.Portability.Copy;

/// <summary>
/// Copies a SQLite blog, everything in it, into an empty PostgreSQL database (<c>copy-to-postgresql</c>): the target is
/// migrated first, refused unless empty, then filled table by table in dependency order (principals first), every
/// row with its own ids, in one transaction, so a failed copy leaves the target empty. Values pass through the model's
/// own conversions (SQLite's text times become timestamptz, its integers booleans), photos are streamed blob by blob,
/// identity sequences continue after the copied ids, and the rows of each table are counted on both sides.
/// The search index is not copied: PostgreSQL's triggers build it as posts and tags arrive.
/// </summary>
public static class PostgreSqlCopy
{
    private const string MediaBlobsTable = "MediaBlobs";

    /// <summary>One table's rows in the source and in the target after the copy.</summary>
    public sealed record TableCount(string Table, long Source, long Target);

    /// <exception cref="InvalidOperationException">The source is not SQLite, or the target is not empty.</exception>
    public static async Task<IReadOnlyList<TableCount>> CopyAsync(
        BlogDbContext source, string targetConnectionString, TextWriter log, CancellationToken cancellationToken)
    {
        if (!source.Database.IsSqlite())
        {
            throw new InvalidOperationException("The copy reads a SQLite blog: this blog's Blog:Database:Provider is not Sqlite.");
        }

        var options = new DbContextOptionsBuilder<PostgreSqlBlogDbContext>().UseNpgsql(targetConnectionString).Options;
        await using var target = new PostgreSqlBlogDbContext(options);
        await log.WriteLineAsync("Bringing the PostgreSQL database's schema up to date...");
        await target.Database.MigrateAsync(cancellationToken);

        var tables = InDependencyOrder(source.Model.GetRelationalModel().Tables.ToList());
        var targetTables = target.Model.GetRelationalModel().Tables.ToDictionary(t => t.Name, StringComparer.Ordinal);

        await source.Database.OpenConnectionAsync(cancellationToken);
        await target.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var sqlite = (SqliteConnection)source.Database.GetDbConnection();
            var postgres = (NpgsqlConnection)target.Database.GetDbConnection();
            foreach (var table in tables)
            {
                if (await CountAsync(postgres, table.Name, cancellationToken) > 0)
                {
                    throw new InvalidOperationException(
                        $"The PostgreSQL database is not empty (table {table.Name} has rows): the copy goes into an empty database only.");
                }
            }

            await using (var transaction = await postgres.BeginTransactionAsync(cancellationToken))
            {
                foreach (var table in tables)
                {
                    var copied = table.Name == MediaBlobsTable
                        ? await CopyBlobsAsync(source, target, transaction, cancellationToken)
                        : await CopyRowsAsync(sqlite, postgres, transaction, table, targetTables[table.Name], cancellationToken);
                    await log.WriteLineAsync($"  {table.Name}: {copied:N0} rows");
                }

                await ResetSequencesAsync(postgres, transaction, targetTables.Values, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            var counts = new List<TableCount>();
            foreach (var table in tables)
            {
                counts.Add(new(table.Name, await CountAsync(sqlite, table.Name, cancellationToken), await CountAsync(postgres, table.Name, cancellationToken)));
            }

            return counts;
        }
        finally
        {
            await source.Database.CloseConnectionAsync();
            await target.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Principal tables before the tables that refer to them (a table's references to itself aside).</summary>
    private static List<ITable> InDependencyOrder(List<ITable> tables)
    {
        var ordered = new List<ITable>();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        while (ordered.Count < tables.Count)
        {
            var ready = tables
                .Where(t => !placed.Contains(t.Name))
                .Where(t => t.ForeignKeyConstraints.All(fk => fk.PrincipalTable.Name == t.Name || placed.Contains(fk.PrincipalTable.Name)))
                .OrderBy(t => t.Name, StringComparer.Ordinal)
                .ToList();
            if (ready.Count == 0)
            {
                throw new InvalidOperationException("The tables' foreign keys form a cycle: no order to copy them in.");
            }

            ordered.AddRange(ready);
            placed.UnionWith(ready.Select(t => t.Name));
        }

        return ordered;
    }

    private static async Task<long> CopyRowsAsync(
        SqliteConnection sqlite, NpgsqlConnection postgres, NpgsqlTransaction transaction, ITable table, ITable targetTable, CancellationToken cancellationToken)
    {
        var columns = table.Columns.ToList();
        var targetColumns = columns.Select(c => targetTable.FindColumn(c.Name)
            ?? throw new InvalidOperationException($"{table.Name}.{c.Name} has no column in the PostgreSQL model.")).ToList();

        await using var select = sqlite.CreateCommand();
        var keyOrder = table.PrimaryKey is { } key ? " ORDER BY " + string.Join(", ", key.Columns.Select(c => Quote(c.Name))) : "";
        select.CommandText = $"SELECT {string.Join(", ", columns.Select(c => Quote(c.Name)))} FROM {Quote(table.Name)}{keyOrder}";

        // Each value is cast to its column's type, so a JSON text becomes jsonb and a date a date, whatever the parameter's.
        await using var insert = new NpgsqlCommand(
            $"INSERT INTO {Quote(table.Name)} ({string.Join(", ", columns.Select(c => Quote(c.Name)))}) " +
            $"VALUES ({string.Join(", ", targetColumns.Select((c, i) => $"CAST(@p{i} AS {c.StoreType})"))})",
            postgres, transaction);
        for (var i = 0; i < columns.Count; i++)
        {
            insert.Parameters.Add(new NpgsqlParameter { ParameterName = $"p{i}" });
        }

        long rows = 0;
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            for (var i = 0; i < columns.Count; i++)
            {
                insert.Parameters[i].Value = Carry(reader, i, columns[i], targetColumns[i]) ?? DBNull.Value;
            }

            await insert.ExecuteNonQueryAsync(cancellationToken);
            rows++;
        }

        return rows;
    }

    /// <summary>SQLite's stored value read as the model reads it, then written as PostgreSQL's model writes it.</summary>
    private static object? Carry(DbDataReader reader, int ordinal, IColumn column, IColumn targetColumn)
    {
        if (reader.IsDBNull(ordinal))
        {
            return null;
        }

        var mapping = column.PropertyMappings.Count > 0 ? column.PropertyMappings[0].TypeMapping : null;
        var targetMapping = targetColumn.PropertyMappings.Count > 0 ? targetColumn.PropertyMappings[0].TypeMapping : null;
        if (mapping is null || targetMapping is null)
        {
            return reader.GetValue(ordinal); // a JSON document's text, say
        }

        var providerType = mapping.Converter?.ProviderClrType ?? mapping.ClrType;
        var stored = ReadAs(reader, ordinal, Nullable.GetUnderlyingType(providerType) ?? providerType);
        var value = mapping.Converter is { } fromSqlite ? fromSqlite.ConvertFromProvider(stored) : stored;
        value = targetMapping.Converter is { } toPostgres ? toPostgres.ConvertToProvider(value) : value;

        // timestamptz takes UTC offsets only (Identity's lockout end is one).
        return value is DateTimeOffset time ? time.ToUniversalTime() : value;
    }

    private static readonly MethodInfo GetFieldValue = typeof(DbDataReader).GetMethod(nameof(DbDataReader.GetFieldValue))!;

    private static object? ReadAs(DbDataReader reader, int ordinal, Type type) =>
        GetFieldValue.MakeGenericMethod(type).Invoke(reader, [ordinal]);

    /// <summary>Photo bytes, one variant at a time from its SQLite blob into a bytea stream parameter.</summary>
    private static async Task<long> CopyBlobsAsync(
        BlogDbContext source, PostgreSqlBlogDbContext target, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var ids = await source.Set<MediaBlob>().AsNoTracking().OrderBy(b => b.VariantId).Select(b => b.VariantId).ToListAsync(cancellationToken);
        await using var efTransaction = await target.Database.UseTransactionAsync(transaction, cancellationToken);
        foreach (var id in ids)
        {
            await using var blob = await MediaBlobs.OpenReadAsync(source, id, cancellationToken);
            await MediaBlobs.WriteAsync(target, efTransaction!, id, blob, blob.Length, cancellationToken);
        }

        return ids.Count;
    }

    /// <summary>Identity columns continue after the largest copied id.</summary>
    private static async Task ResetSequencesAsync(
        NpgsqlConnection postgres, NpgsqlTransaction transaction, IEnumerable<ITable> tables, CancellationToken cancellationToken)
    {
        foreach (var table in tables)
        {
            foreach (var column in table.Columns.Where(c => c.StoreType is "integer" or "bigint"))
            {
                await using var command = new NpgsqlCommand(
                    $"SELECT setval(s, (SELECT coalesce(max({Quote(column.Name)}), 0) + 1 FROM {Quote(table.Name)}), false) " +
                    $"FROM pg_get_serial_sequence(@table, @column) AS s WHERE s IS NOT NULL", postgres, transaction);
                command.Parameters.AddWithValue("table", Quote(table.Name));
                command.Parameters.AddWithValue("column", column.Name);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    private static async Task<long> CountAsync(DbConnection connection, string table, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM {Quote(table)}";
        return System.Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
