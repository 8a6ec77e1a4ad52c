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
/// export with its <c>site.json</c>). Zips are read in memory, never extracted, and are bounded in number and size of
/// files so that a zip bomb fails cleanly instead of filling the server.
/// </summary>
public sealed partial class MarkdownFilesReader(TimeZoneInfo blogTimeZone)
{
    public const int MaxFiles = 10_000;
    public const long MaxFileBytes = 20L * 1024 * 1024;
    public const long MaxTotalBytes = 512L * 1024 * 1024;

    public ImportSource ReadZip(Stream stream)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
        if (zip.Entries.Count > MaxFiles)
        {
            throw new InvalidDataException($"The zip holds {zip.Entries.Count} files; at most {MaxFiles} can be imported at once.");
        }

        long total = 0;
        var files = new List<(string Path, string Text)>();
        var media = ReadBundledMedia(zip);
        foreach (var entry in zip.Entries.Where(e => IsWanted(e.FullName)))
        {
            var path = entry.FullName.Replace('\\', '/');

            // Nothing is extracted, but a path climbing out of the archive is a sign of a hostile file: refuse it.
            if (path.StartsWith('/') || path.Split('/').Contains("..") || path.Contains(':', StringComparison.Ordinal))
            {
                throw new InvalidDataException($"The zip contains an unsafe path “{path}”.");
            }

            using var content = entry.Open();
            var bytes = ReadBounded(content, path);
            total += bytes.Length;
            if (total > MaxTotalBytes)
            {
                throw new InvalidDataException($"The zip unpacks to more than {MaxTotalBytes / 1024 / 1024} MB of text.");
            }

            files.Add((path, Encoding.UTF8.GetString(bytes)));
        }

        return Read(StripCommonFolder(files)) with { Media = media };
    }

    /// <summary>The photos our own export carries; each read with a bound, whatever size the zip claims.</summary>
    private static Dictionary<int, BundledImage> ReadBundledMedia(ZipArchive zip)
    {
        var media = new Dictionary<int, BundledImage>();
        long total = 0;
        foreach (var entry in zip.Entries)
        {
            if (!BundledMedia.TryParse(entry.FullName.Replace('\\', '/'), out var id, out var name))
            {
                continue;
            }

            using var content = entry.Open();
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = content.Read(chunk)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > BundledMedia.MaxImageBytes || total + buffer.Length > BundledMedia.MaxTotalBytes)
                {
                    throw new InvalidDataException($"The photo “{entry.FullName}” makes the zip's photos larger than can be imported at once.");
                }
            }

            total += buffer.Length;
            media[id] = new BundledImage(name, buffer.ToArray());
        }

        return media;
    }

    public ImportSource ReadFolder(string folder)
    {
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .Where(IsWanted)
            .Take(MaxFiles + 1)
            .ToList();
        if (files.Count > MaxFiles)
        {
            throw new InvalidDataException($"The folder holds more than {MaxFiles} Markdown files.");
        }

        return Read([.. files.Select(f => (f, File.ReadAllText(Path.Combine(folder, f))))]);
    }

    private static bool IsWanted(string path) =>
        path.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".markdown", StringComparison.OrdinalIgnoreCase)
        || path.Replace('\\', '/').Split('/')[^1] == "site.json";

    private static byte[] ReadBounded(Stream content, string path)
    {
        // The sizes a zip declares can lie; count what actually comes out.
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = content.Read(chunk)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxFileBytes)
            {
                throw new InvalidDataException($"“{path}” unpacks to more than {MaxFileBytes / 1024 / 1024} MB.");
            }
        }

        return buffer.ToArray();
    }

    /// <summary>Zips made by "compress this folder" put everything under one folder; look inside it.</summary>
    private static List<(string Path, string Text)> StripCommonFolder(List<(string Path, string Text)> files)
    {
        var first = files.Select(f => f.Path.Split('/')).Where(p => p.Length > 1).Select(p => p[0]).Distinct().ToList();
        return first.Count == 1 && files.All(f => f.Path.StartsWith(first[0] + "/", StringComparison.Ordinal)) && first[0] is not ("posts" or "pages")
            ? [.. files.Select(f => (f.Path[(first[0].Length + 1)..], f.Text))]
            : files;
    }

    private ImportSource Read(List<(string Path, string Text)> files)
    {
        var items = new List<ImportedContent>();
        var skipped = new List<SkippedItem>();
        SiteData? site = null;
        var position = 0;
        foreach (var (path, text) in files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            if (path == "site.json")
            {
                site = JsonSerializer.Deserialize<SiteData>(text, SiteData.Json);
                continue;
            }

            position++;
            try
            {
                items.Add(ReadFile(path, text, position));
            }
            catch (Exception e) when (e is YamlException or FormatException)
            {
                var where = e is YamlException yaml ? $" (line {yaml.Start.Line})" : "";
                skipped.Add(new SkippedItem(position, path, $"its front matter could not be read: {e.Message}{where}"));
            }
        }

        return new ImportSource(items, skipped, site);
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
