using Blog.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Editing;

public static class EditorQueries
{
    /// <summary>Forgets an autosave once a real save has superseded it.</summary>
    public static Task ForgetAutosaveAsync(this BlogDbContext db, string key, CancellationToken cancellationToken) =>
        db.Autosaves.Where(a => a.Key == key).ExecuteDeleteAsync(cancellationToken);

    /// <summary>
    /// Keeps text the author has not saved (typed, or refused by a conflict) apart from the content itself, in one
    /// statement: two autosaves of one key, or an autosave racing the save that forgets it, can neither collide on the
    /// key nor update a row that is gone.
    /// </summary>
    public static Task KeepAutosaveAsync(
        this BlogDbContext db, string key, string? title, string? body, int baseVersion, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var (keptTitle, keptBody) = (title ?? "", body ?? "");
        return db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO "Autosaves" ("Key", "Title", "BodyMarkdown", "BaseVersion", "SavedAtUtc")
            VALUES ({key}, {keptTitle}, {keptBody}, {baseVersion}, {nowUtc})
            ON CONFLICT ("Key") DO UPDATE SET
                "Title" = excluded."Title", "BodyMarkdown" = excluded."BodyMarkdown",
                "BaseVersion" = excluded."BaseVersion", "SavedAtUtc" = excluded."SavedAtUtc"
            """,
            cancellationToken);
    }

    /// <summary>An autosave made after the content was last saved: text the author may want back.</summary>
    public static Task<Autosave?> FindNewerAutosaveAsync(this BlogDbContext db, string key, DateTime savedAtUtc, CancellationToken cancellationToken) =>
        db.Autosaves.AsNoTracking().SingleOrDefaultAsync(a => a.Key == key && a.SavedAtUtc > savedAtUtc, cancellationToken);
}
