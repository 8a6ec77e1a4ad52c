using Blog.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Tests.Infrastructure;

/// <summary>
/// A SQLite file with the app's migrations applied and no rows, made once per test run (the way
/// <see cref="PostgresTestServer"/> makes its template database), for <see cref="BlogFactory"/> to copy into each new
/// factory's folder: every app still opens a real file of its own, and starts as a new blog on it.
/// </summary>
public static class SqliteTemplate
{
    private static readonly Lazy<string> Template = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Copies the template to <paramref name="databasePath"/> (its folder made when missing).</summary>
    public static void CopyTo(string databasePath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(databasePath)!);
        File.Copy(Template.Value, databasePath);
    }

    private static string Create()
    {
        var folder = Path.Combine(Path.GetTempPath(), "blog-web-tests", $"template-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "blog.db");

        // No pooling: nothing holds the file (or a -wal beside it) once it is migrated, so a plain copy is the whole database.
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();
        using (var db = new BlogDbContext(new DbContextOptionsBuilder<BlogDbContext>().UseSqlite(connectionString).Options))
        {
            db.Database.Migrate();
        }

        Assert.False(File.Exists(path + "-wal"), "the template was left with a write-ahead log beside it");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A temp folder left behind.
            }
        };
        return path;
    }
}
