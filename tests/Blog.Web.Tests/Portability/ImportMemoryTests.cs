using System.Globalization;
using System.IO.Compression;
using System.Text;
using Blog.Web.Tests.Infrastructure;

namespace Blog.Web.Tests.Portability;

/// <summary>
/// An import never holds a whole file in memory: the <c>import</c> verb runs as its own process and its peak resident
/// memory (the kernel's VmHWM) is compared with the same process importing a tiny file. Before imports streamed, a
/// 586 KB zip of thirty 19 MiB Markdown files took the app from about 230 MB to 2 GB.
/// </summary>
[Collection(MemoryMeasurements.Name)]
public sealed class ImportMemoryTests : IDisposable
{
    private const long Megabyte = 1024 * 1024;

    private readonly BlogFactory app = new();
    private readonly string folder = Path.Combine(Path.GetTempPath(), "blog-import-memory", Guid.NewGuid().ToString("N"));

    public ImportMemoryTests() => Directory.CreateDirectory(folder);

    public void Dispose()
    {
        app.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Importing_a_zip_of_huge_markdown_files_or_a_huge_wxr_item_stays_within_150_MB_of_a_tiny_import()
    {
        _ = await app.WithDbAsync(async (db, _) => await Task.FromResult(0)); // the database exists and is migrated
        var tiny = WriteZip("tiny.zip", 1, 100);
        var zipBomb = WriteZip("huge.zip", 30, 19 * Megabyte);
        var wxr = WriteWxr("huge.xml", 60 * Megabyte);

        var idle = await PeakOfImportAsync(tiny);
        var zip = await PeakOfImportAsync(zipBomb);
        var xml = await PeakOfImportAsync(wxr);

        Assert.True(new FileInfo(zipBomb).Length < 2 * Megabyte, "the zip is small; what it unpacks to is not");
        Assert.Contains("larger than the 2 MB", zip.Output, StringComparison.Ordinal);
        Assert.Contains("larger than the 2 MB", xml.Output, StringComparison.Ordinal);
        Assert.True(zip.PeakBytes - idle.PeakBytes < 150 * Megabyte, $"zip: peak {zip.PeakBytes / Megabyte} MB against {idle.PeakBytes / Megabyte} MB for a tiny import");
        Assert.True(xml.PeakBytes - idle.PeakBytes < 150 * Megabyte, $"wxr: peak {xml.PeakBytes / Megabyte} MB against {idle.PeakBytes / Megabyte} MB for a tiny import");
    }

    private string WriteZip(string name, int files, long bytesEach)
    {
        var path = Path.Combine(folder, name);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        var line = Encoding.UTF8.GetBytes(new string('a', 1023) + "\n");
        for (var i = 1; i <= files; i++)
        {
            using var entry = zip.CreateEntry($"posts/post-{i}.md", CompressionLevel.SmallestSize).Open();
            entry.Write(Encoding.UTF8.GetBytes($"---\ntitle: Post {i}\n---\n"));
            for (long written = 0; written < bytesEach; written += line.Length)
            {
                entry.Write(line);
            }
        }

        return path;
    }

    private string WriteWxr(string name, long contentBytes)
    {
        var path = Path.Combine(folder, name);
        using var file = new StreamWriter(path, append: false, new UTF8Encoding(false));
        file.Write("""
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/">
            <channel><title>Huge</title>
            <item><title>Enormous</title><wp:post_type>post</wp:post_type><wp:status>publish</wp:status><content:encoded><![CDATA[
            """);
        var paragraph = "<p>" + new string('w', 1000) + "</p>\n";
        for (long written = 0; written < contentBytes; written += paragraph.Length)
        {
            file.Write(paragraph);
        }

        file.Write("]]></content:encoded></item>\n<item><title>Small</title><content:encoded>Fine.</content:encoded></item></channel></rss>\n");
        return path;
    }

    /// <summary>Runs <c>import FILE --dry-run</c> and reads the process's peak resident memory until it ends.</summary>
    private async Task<(long PeakBytes, string Output)> PeakOfImportAsync(string file)
    {
        long peak = 0;
        var (exitCode, output) = await app.RunCommandAsync(["import", file, "--dry-run"], watch: async process =>
        {
            while (!process.HasExited)
            {
                peak = Math.Max(peak, PeakResidentBytes(process.Id));
                await Task.Delay(20);
            }
        });

        Assert.True(exitCode == 0, output);
        Assert.True(peak > 0, "the process's memory could not be read from /proc");
        return (peak, output);
    }

    private static long PeakResidentBytes(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0; // the process ended between two reads
        }
    }
}

/// <summary>Measurements of memory run alone, after the parallel tests, so no other test's allocations count.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasurements
{
    public const string Name = "Memory measurements";
}
