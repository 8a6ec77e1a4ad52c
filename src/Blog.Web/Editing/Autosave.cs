using Blog.Web.Data;

namespace Blog.Web.Editing;

/// <summary>
/// What the editor saved by itself while the author typed: kept apart from the post, so a live post never
/// changes until the author saves, and offered back when the editor is opened again.
/// </summary>
[HiddenFromReaders]
public sealed class Autosave
{
    public int Id { get; private set; }

    /// <summary>"post:12", "page:3", or "new-post:{guid}" for a post not saved yet.</summary>
    public string Key { get; private set; } = "";

    public string Title { get; set; } = "";

    public string BodyMarkdown { get; set; } = "";

    /// <summary>The version of the post the author was editing when this was saved.</summary>
    public int BaseVersion { get; set; }

    public DateTime SavedAtUtc { get; set; }

    private Autosave()
    {
    }

    public Autosave(string key) => Key = key;

    public static string KeyFor(string kind, int? id, string? draftKey) =>
        id is { } existing ? $"{kind}:{existing}" : $"new-{kind}:{draftKey}";
}
