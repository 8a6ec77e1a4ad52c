using System.Globalization;
using System.Text.RegularExpressions;

namespace Blog.Web.Portability.Import;

/// <summary>
/// A photo carried inside an export zip, under <c>media/{id}/{file name}</c>: its size as the zip declares it, and its
/// bytes read from the zip only when it is stored.
/// </summary>
public sealed record BundledImage(string FileName, long Length, Func<Stream> Open);

/// <summary>How an export zip carries the media library, so our own export imports with its photos.</summary>
public static partial class BundledMedia
{
    /// <summary>A bundled photo larger than this is not read at all; the library then applies its own upload limit.</summary>
    public const long MaxImageBytes = 100L * 1024 * 1024;

    public static string EntryName(int id, string fileName) =>
        string.Create(CultureInfo.InvariantCulture, $"media/{id}/{Path.GetFileName(fileName)}");

    /// <summary>The old library id of a zip entry that is a bundled photo (possibly under one top folder).</summary>
    public static bool TryParse(string path, out int id, out string fileName)
    {
        var match = EntryPath().Match(path);
        (id, fileName) = (0, "");
        if (!match.Success || !int.TryParse(match.Groups["id"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out id))
        {
            return false;
        }

        fileName = match.Groups["name"].Value;
        return true;
    }

    [GeneratedRegex(@"^(?:[^/]+/)?media/(?<id>\d{1,9})/(?<name>[^/]+)$")]
    private static partial Regex EntryPath();
}
