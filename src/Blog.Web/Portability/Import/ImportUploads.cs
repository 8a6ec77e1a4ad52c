using Blog.Web.Data;
using Microsoft.Data.Sqlite;

namespace Blog.Web.Portability.Import;

/// <summary>
/// Where uploaded import files wait for the background worker: an "imports" folder beside the database, so they
/// stay on the same disk and are never served. Only files kept here are ever deleted (a CLI import's own file is not).
/// </summary>
public sealed class ImportUploads
{
    public ImportUploads(IConfiguration configuration, IWebHostEnvironment environment)
    {
        if (configuration.BlogDatabaseProvider() == DatabaseProvider.PostgreSql)
        {
            // No database file to sit beside: Blog:Database:ImportFolder, or the app's own data folder (where SQLite's
            // default file would be). Several instances: the one that took the upload imports it.
            Folder = Path.GetFullPath(configuration["Blog:Database:ImportFolder"] is { Length: > 0 } folder
                ? folder
                : Path.Combine("data", "imports"), environment.ContentRootPath);
            return;
        }

        var connection = configuration.BlogConnectionString(environment.ContentRootPath);
        var database = new SqliteConnectionStringBuilder(connection).DataSource;
        Folder = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(database)) ?? Path.GetTempPath(), "imports");
    }

    public string Folder { get; }

    public async Task<string> KeepAsync(Stream upload, string fileName, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        var extension = Path.GetExtension(fileName).ToLowerInvariant() is ".zip" ? ".zip" : ".xml";
        var path = Path.Combine(Folder, $"{Guid.NewGuid():N}{extension}");
        await using var file = File.Create(path);
        await upload.CopyToAsync(file, cancellationToken);
        return path;
    }

    public void Forget(string? path)
    {
        if (path is not null && Path.GetFullPath(path).StartsWith(Folder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            File.Delete(path);
        }
    }
}
