using Blog.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Editing;

public static class EditorQueries
{
    /// <summary>Forgets an autosave once a real save has superseded it.</summary>
    public static Task ForgetAutosaveAsync(this BlogDbContext db, string key, CancellationToken cancellationToken) =>
        db.Autosaves.Where(a => a.Key == key).ExecuteDeleteAsync(cancellationToken);

    /// <summary>Keeps text the author has not saved (typed, or refused by a conflict) apart from the content itself.</summary>
    public static async Task KeepAutosaveAsync(
        this BlogDbContext db, string key, string? title, string? body, int baseVersion, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var autosave = await db.Autosaves.SingleOrDefaultAsync(a => a.Key == key, cancellationToken)
            ?? db.Autosaves.Add(new Autosave(key)).Entity;
        (autosave.Title, autosave.BodyMarkdown, autosave.BaseVersion, autosave.SavedAtUtc) = (title ?? "", body ?? "", baseVersion, nowUtc);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>An autosave made after the content was last saved: text the author may want back.</summary>
    public static Task<Autosave?> FindNewerAutosaveAsync(this BlogDbContext db, string key, DateTime savedAtUtc, CancellationToken cancellationToken) =>
        db.Autosaves.AsNoTracking().SingleOrDefaultAsync(a => a.Key == key && a.SavedAtUtc > savedAtUtc, cancellationToken);
}
