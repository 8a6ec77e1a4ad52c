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
