using Blog.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Tests.Portability;

/// <summary><c>dotnet Blog.Web.dll import FILE</c> and <c>backup PATH</c>, run for real as their own processes.</summary>
public sealed class PortabilityCommandTests : IDisposable
{
    private readonly BlogFactory app = new();
    private readonly string folder = Path.Combine(Path.GetTempPath(), "blog-cli-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        app.Dispose();
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private Task<(int ExitCode, string Output)> RunAsync(params string[] args) =>
        app.RunCommandAsync(args, environment: new Dictionary<string, string> { ["Blog__SeedSampleContent"] = "false" });

    [Fact]
    public async Task Import_reads_a_file_into_the_database_and_prints_what_it_skipped()
    {
        var (exitCode, output) = await RunAsync("import", PortabilityHelpers.Fixture("malformed-item.xml"));

        Assert.True(exitCode == 0, output);
        Assert.Contains("created 1", output, StringComparison.Ordinal);
        Assert.Contains("skipped #3 “Bad date”", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Now listening", output, StringComparison.Ordinal);
        Assert.Equal(["a-good-post"], await app.WithDbAsync(async (db, _) => await db.Posts.Select(p => p.Slug).ToListAsync()));
        Assert.True(File.Exists(PortabilityHelpers.Fixture("malformed-item.xml")), "the command's own file is never deleted");
    }

    [Fact]
    public async Task Import_from_the_command_line_knows_the_addresses_the_blog_uses_itself()
    {
        var (exitCode, output) = await RunAsync("import", PortabilityHelpers.Fixture("squarespace-move.xml"));

        Assert.True(exitCode == 0, output);
        var pages = await app.WithDbAsync(async (db, _) => await db.StaticPages.OrderBy(p => p.Slug).Select(p => p.Slug).ToListAsync());
        Assert.Equal(["about", "search-2"], pages);
    }

    [Fact]
    public async Task Backup_writes_a_consistent_copy_and_refuses_to_overwrite()
    {
        await app.AddPostAsync("Kept safe");
        var target = Path.Combine(folder, "nightly", "blog.db");

        var (exitCode, output) = await RunAsync("backup", target);
        var again = await RunAsync("backup", target);

        Assert.True(exitCode == 0, output);
        Assert.Contains("Backed up the blog", output, StringComparison.Ordinal);
        Assert.NotEqual(0, again.ExitCode);
        Assert.Contains("already exists", again.Output, StringComparison.Ordinal);
        await using var connection = new SqliteConnection($"Data Source={target};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Title FROM Posts";
        Assert.Equal("Kept safe", await command.ExecuteScalarAsync());
    }
}
