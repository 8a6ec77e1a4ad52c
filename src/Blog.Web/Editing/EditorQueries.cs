using Blog.Web.Data;
using Blog.Web.Posts;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Editing;

public static class EditorQueries
{
    /// <summary>The tags named in the editor: existing ones by slug, new ones created.</summary>
    public static async Task<List<Tag>> ResolveTagsAsync(this BlogDbContext db, IEnumerable<string> names, CancellationToken cancellationToken)
    {
        var wanted = names.ToDictionary(Slug.From, n => n, StringComparer.Ordinal);
        var slugs = wanted.Keys.ToList();
        var existing = await db.Tags.Where(t => slugs.Contains(t.Slug)).ToListAsync(cancellationToken);
        var created = wanted.Where(w => existing.All(t => t.Slug != w.Key)).Select(w => new Tag(w.Value));
        return [.. existing, .. created];
    }

    public static async Task<Category?> ResolveCategoryAsync(this BlogDbContext db, string? name, CancellationToken cancellationToken)
    {
        var slug = Slug.From(name);
        if (slug.Length == 0)
        {
            return null;
        }

        return await db.Categories.SingleOrDefaultAsync(c => c.Slug == slug, cancellationToken) ?? new Category(name!);
    }

    /// <summary>Records the content's state as it is about to be saved, as a revision.</summary>
    public static void RecordRevision(this BlogDbContext db, PublishableContent content, string note, DateTime nowUtc) =>
        db.Revisions.Add(content.Id == 0
            ? content switch
            {
                Post post => ContentRevision.OfNew(post, note, nowUtc),
                StaticPages.StaticPage page => ContentRevision.OfNew(page, note, nowUtc),
                _ => throw new ArgumentException("Unknown content", nameof(content)),
            }
            : ContentRevision.Of(content, note, nowUtc));

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
