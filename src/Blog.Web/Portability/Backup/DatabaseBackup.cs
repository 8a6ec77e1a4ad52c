using Microsoft.Data.Sqlite;

namespace Blog.Web.Portability.Backup;

/// <summary>
/// A consistent copy of the whole blog (the one SQLite file) taken while it serves: <c>VACUUM INTO</c> reads one
/// snapshot of the database, so saves made meanwhile are either entirely in the copy or not at all.
/// </summary>
public static class DatabaseBackup
{
    /// <exception cref="IOException">Something is already at <paramref name="targetPath"/>: a backup never overwrites.</exception>
    public static async Task<long> CreateAsync(string connectionString, string targetPath, CancellationToken cancellationToken)
    {
        var target = Path.GetFullPath(targetPath);
        if (File.Exists(target) || Directory.Exists(target))
        {
            throw new IOException($"{target} already exists; a backup never overwrites a file.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();

        // The path goes in as a bound parameter, so no file name can break out of the statement.
        command.CommandText = "VACUUM INTO $path";
        command.Parameters.AddWithValue("$path", target);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return new FileInfo(target).Length;
    }
}
