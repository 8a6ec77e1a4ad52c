using Blog.Web.Data;

namespace Blog.Web.Portability;

/// <summary>
/// Remembers where a post or page came from (the WXR guid, or the Markdown file's path), so importing the same file
/// again updates or skips it instead of adding a duplicate, and what it looked like then, so an import never
/// overwrites changes the author made since.
/// </summary>
[HiddenFromReaders]
public sealed class ImportedItem
{
    public const int MaxSourceKeyLength = 500;

    public int Id { get; private set; }

    /// <summary>"wxr:{guid}" or "md:{relative path}".</summary>
    public string SourceKey { get; private set; }

    public int? PostId { get; set; }

    public int? StaticPageId { get; set; }

    /// <summary>A hash of the item as imported: the same hash next time means nothing changed at the source.</summary>
    public string ContentHash { get; set; } = "";

    /// <summary>The content's version right after the import; a higher version means the author edited it since.</summary>
    public int ImportedVersion { get; set; }

    public DateTime ImportedAtUtc { get; set; }

    public ImportedItem(string sourceKey) => SourceKey = sourceKey;
}
