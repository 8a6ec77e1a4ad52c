using Blog.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Instances;

/// <summary>
/// Carries a save's cache eviction to the blog's other instances (this instance's caches are told directly by
/// <see cref="ContentChangeInterceptor"/>). The seam between one instance (SQLite: nothing to carry) and several
/// (PostgreSQL: <see cref="PostgresEvictionBus"/>).
/// </summary>
public interface ICacheEvictionBus
{
    /// <summary>
    /// Tells the other instances that a save changed the pages tagged <paramref name="tags"/> (null: everything).
    /// <paramref name="db"/> is the context that saved, when the save went through one: inside its open transaction
    /// the message leaves with the commit, never before it.
    /// </summary>
    ValueTask PublishAsync(DbContext? db, IReadOnlyCollection<string>? tags, CancellationToken cancellationToken);

    /// <summary>The same from a synchronous save.</summary>
    void Publish(DbContext? db, IReadOnlyCollection<string>? tags);
}

/// <summary>
/// SQLite: one instance per file is the supported set-up, so there is nobody else to tell. (Two processes on one file
/// share the background work safely through leases, but each keeps its own page cache until its next save.)
/// </summary>
public sealed class InProcessEvictionBus : ICacheEvictionBus
{
    public ValueTask PublishAsync(DbContext? db, IReadOnlyCollection<string>? tags, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public void Publish(DbContext? db, IReadOnlyCollection<string>? tags)
    {
    }
}

/// <summary>What travels between instances: who sent it, and what to evict. Small, and one line per item.</summary>
public static class EvictionMessage
{
    /// <summary>PostgreSQL's limit on a NOTIFY payload is 8000 bytes; past this, the message says "everything".</summary>
    public const int MaxLength = 7000;

    private const string Everything = "*";

    public static string Write(string sender, IReadOnlyCollection<string>? tags)
    {
        var message = tags is null ? null : string.Join('\n', [sender, .. tags]);
        return message is null || message.Length > MaxLength || tags!.Count == 0 ? $"{sender}\n{Everything}" : message;
    }

    /// <summary>The sender and the tags (null: everything); null when the text is not a message.</summary>
    public static (string Sender, IReadOnlyCollection<string>? Tags)? Read(string? text)
    {
        var lines = (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length < 2)
        {
            return null;
        }

        return lines is [var sender, Everything] ? (sender, null) : (lines[0], lines[1..]);
    }

    /// <summary>Evicts what a message names from this instance's caches (never sent on: only local saves are published).</summary>
    public static void Apply(IEnumerable<IContentChangeListener> listeners, IReadOnlyCollection<string>? tags)
    {
        ArgumentNullException.ThrowIfNull(listeners);
        foreach (var listener in listeners)
        {
            if (tags is null)
            {
                listener.ContentChanged();
            }
            else
            {
                listener.PagesChanged(tags);
            }
        }
    }
}
