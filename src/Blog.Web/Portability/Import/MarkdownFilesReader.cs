using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Blog.Web.Posts;
using Blog.Web.Settings;
using YamlDotNet.Core;

namespace Blog.Web.Portability.Import;

/// <summary>
/// Reads Markdown files with YAML front matter, from a folder or a zip (Jekyll, Hugo, Ghost exports, and our own
/// export with its <c>site.json</c>). Zips are read in place, never extracted, one file at a time as the import goes,
/// and each file only up to <see cref="ImportLimits.MaxFileBytes"/>: a zip bomb or a huge file costs a bounded read,
/// never the server's memory.
/// </summary>
public sealed partial class MarkdownFilesReader(TimeZoneInfo blogTimeZone)
{
    private const long MaxSiteDataBytes = 32L * 1024 * 1024;

    /// <summary>Opens a zip for import; the source owns <paramref name="stream"/> from here on.</summary>
    public ImportSource OpenZip(Stream stream)
    {
        var zip = new ZipArchive(stream, ZipArchiveMode.Read);
        try
        {
            if (zip.Entries.Count > ImportLimits.MaxFiles)
            {
                throw new InvalidDataException($"The zip holds {zip.Entries.Count} files; at most {ImportLimits.MaxFiles} can be imported at once.");
            }

            var files = new List<SourceFile>();
            foreach (var entry in zip.Entries.Where(e => IsWanted(e.FullName)))
            {
                var path = entry.FullName.Replace('\\', '/');

                // Nothing is extracted, but a path climbing out of the archive is a sign of a hostile file: refuse it.
                if (path.StartsWith('/') || path.Split('/').Contains("..") || path.Contains(':', StringComparison.Ordinal))
                {
                    throw new InvalidDataException($"The zip contains an unsafe path “{path}”.");
                }

                files.Add(new SourceFile(path, entry.Open));
            }

            return Open(StripCommonFolder(files), zip, BundledPhotos(zip));
        }
        catch
        {
            zip.Dispose();
            throw;
        }
    }

    /// <summary>The photos our own export carries, by their old id: read from the zip only when one is stored.</summary>
    private static Dictionary<int, BundledImage> BundledPhotos(ZipArchive zip)
    {
        var media = new Dictionary<int, BundledImage>();
        foreach (var entry in zip.Entries)
        {
            if (BundledMedia.TryParse(entry.FullName.Replace('\\', '/'), out var id, out var name))
            {
                media[id] = new BundledImage(name, entry.Length, entry.Open);
            }
        }

        return media;
    }

    public ImportSource OpenFolder(string folder)
    {
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .Where(IsWanted)
            .Take(ImportLimits.MaxFiles + 1)
            .ToList();
        if (files.Count > ImportLimits.MaxFiles)
        {
            throw new InvalidDataException($"The folder holds more than {ImportLimits.MaxFiles} Markdown files.");
        }

        return Open([.. files.Select(f => new SourceFile(f, () => File.OpenRead(Path.Combine(folder, f))))], file: null, media: []);
    }

    private sealed record SourceFile(string Path, Func<Stream> Open);

    private static bool IsWanted(string path) =>
        path.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".markdown", StringComparison.OrdinalIgnoreCase)
        || path.Replace('\\', '/').Split('/')[^1] == "site.json";

    /// <summary>Up to <paramref name="limit"/> bytes of a file, or null (having read one byte more) when it holds more.</summary>
    private static byte[]? ReadBounded(SourceFile file, long limit)
    {
        // The sizes a zip declares can lie; count what actually comes out.
        using var content = file.Open();
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = content.Read(chunk)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit)
            {
                return null;
            }
        }

        return buffer.ToArray();
    }

    /// <summary>Zips made by "compress this folder" put everything under one folder; look inside it.</summary>
    private static List<SourceFile> StripCommonFolder(List<SourceFile> files)
    {
        var first = files.Select(f => f.Path.Split('/')).Where(p => p.Length > 1).Select(p => p[0]).Distinct().ToList();
        return first.Count == 1 && files.All(f => f.Path.StartsWith(first[0] + "/", StringComparison.Ordinal)) && first[0] is not ("posts" or "pages")
            ? [.. files.Select(f => f with { Path = f.Path[(first[0].Length + 1)..] })]
            : files;
    }

    private ImportSource Open(List<SourceFile> files, IDisposable? file, Dictionary<int, BundledImage> media)
    {
        SiteData? site = null;
        if (files.FirstOrDefault(f => f.Path == "site.json") is { } siteFile)
        {
            var json = ReadBounded(siteFile, MaxSiteDataBytes)
                ?? throw new InvalidDataException($"site.json is larger than the {MaxSiteDataBytes / 1024 / 1024} MB it can be.");
            site = JsonSerializer.Deserialize<SiteData>(json, SiteData.Json);
        }

        var texts = files.Where(f => f.Path != "site.json").OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
        return new ImportSource(texts.Count, Read(texts), site, file) { Media = media };
    }

    private IEnumerable<ImportEntry> Read(List<SourceFile> files)
    {
        long total = 0;
        var position = 0;
        foreach (var file in files)
        {
            position++;
            var bytes = ReadBounded(file, ImportLimits.MaxFileBytes);
            total += bytes?.LongLength ?? ImportLimits.MaxFileBytes;
            if (total > ImportLimits.MaxTotalBytes)
            {
                throw new InvalidDataException($"The files unpack to more than {ImportLimits.MaxTotalBytes / 1024 / 1024} MB of text, the most one import reads.");
            }

            if (bytes is null)
            {
                yield return new ImportEntry(null, new SkippedItem(position, file.Path, ImportLimits.TooLarge("the file")));
                continue;
            }

            ImportEntry entry;
            try
            {
                entry = new ImportEntry(ReadFile(file.Path, Encoding.UTF8.GetString(bytes), position), null);
            }
            catch (Exception e) when (e is YamlException or FormatException)
            {
                var where = e is YamlException yaml ? $" (line {yaml.Start.Line})" : "";
                entry = new ImportEntry(null, new SkippedItem(position, file.Path, $"its front matter could not be read: {e.Message}{where}"));
            }

            yield return entry;
        }
    }

    private ImportedContent ReadFile(string path, string text, int position)
    {
        var (meta, body) = FrontMatter.Split(text);
        var fileName = Path.GetFileNameWithoutExtension(path);
        var datePrefix = DatePrefix().Match(fileName);
        var heading = FirstHeading().Match(body);
        var title = meta.Text("title") ?? (heading.Success ? heading.Groups[1].Value.Trim() : null);
        var isPage = path.StartsWith("pages/", StringComparison.Ordinal) || meta.Text("type", "layout") == "page";
        DateTime? date = meta.Text("date", "publishdate", "published") is { } written ? ParseDate(written)
            : datePrefix.Success ? ParseDate(datePrefix.Groups[1].Value) : null;
        var categories = meta.List("categories", "category");
        var description = meta.Text("description", "excerpt", "summary");
        return new ImportedContent
        {
            Position = position,
            SourceKey = "md:" + path,
            Kind = isPage ? ImportKind.Page : ImportKind.Post,
            Title = title ?? fileName,
            Slug = Slug.From(meta.Text("slug") ?? fileName[datePrefix.Length..]),
            BodyMarkdown = body,
            Excerpt = isPage ? null : description,
            Status = meta.Flag("draft") == true || meta.Text("status") == "draft" ? ImportStatus.Draft : ImportStatus.Published,
            PublishedAtUtc = date,
            Tags = [.. meta.List("tags").Concat(categories.Skip(1))],
            Categories = categories.Take(1).ToList(),
            SeoTitle = meta.Text("seo_title"),
            SeoDescription = meta.Text("seo_description") ?? (isPage ? description : null),
            CoverImageUrl = meta.Text("cover_image", "image", "feature_image"),
            CoverImageAlt = meta.Text("cover_image_alt", "image_alt"),
            MenuOrder = meta.Number("menu_order") ?? 0,
            ShowInNavigation = meta.Flag("show_in_navigation") ?? true,
            OriginalPath = RedirectPath.Normalize(meta.Text("url", "permalink") ?? (meta.List("aliases") is [var alias, ..] ? alias : null)),
        };
    }

    /// <exception cref="FormatException">Not a date.</exception>
    private DateTime ParseDate(string text)
    {
        if (HasOffset().IsMatch(text))
        {
            return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture).UtcDateTime;
        }

        var local = DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.None);
        return new BlogDates(blogTimeZone, CultureInfo.InvariantCulture).ToUtc(local);
    }

    [GeneratedRegex(@"^(\d{4}-\d{2}-\d{2})-")]
    private static partial Regex DatePrefix();

    [GeneratedRegex(@"^#\s+(.+)$", RegexOptions.Multiline)]
    private static partial Regex FirstHeading();

    [GeneratedRegex(@"(Z|[+-]\d{2}:?\d{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex HasOffset();
}
