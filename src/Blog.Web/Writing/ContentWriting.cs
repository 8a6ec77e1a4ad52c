using Blog.Web.Data;
using Blog.Web.Posts;
using Blog.Web.StaticPages;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Writing;

/// <summary>
/// What every way of writing a post or page does alike (the editor, the history's restore, an import): terms resolved
/// by slug, a revision for each save, and a redirect left behind when a published address changes. The editor and
/// the importer both call this, and neither calls the other.
/// </summary>
public static class ContentWriting
{
    /// <summary>The tags named: existing ones by slug, new ones created.</summary>
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

    /// <summary>Files the post under <paramref name="category"/> and exactly the tags named (by distinct slug).</summary>
    public static async Task SetTermsAsync(this BlogDbContext db, Post post, string? category, IEnumerable<string> tagNames, CancellationToken cancellationToken)
    {
        post.Category = await db.ResolveCategoryAsync(category, cancellationToken);
        var tags = await db.ResolveTagsAsync(tagNames.Where(t => Slug.From(t).Length > 0).DistinctBy(Slug.From), cancellationToken);
        post.Tags.RemoveAll(t => !tags.Contains(t));
        post.Tags.AddRange(tags.Where(t => !post.Tags.Contains(t)));
    }

    /// <summary>Records the content's state as it is about to be saved, as a revision.</summary>
    public static void RecordRevision(this BlogDbContext db, PublishableContent content, string note, DateTime nowUtc) =>
        db.Revisions.Add(content.Id == 0
            ? content switch
            {
                Post post => ContentRevision.OfUnsaved(post, note, nowUtc),
                StaticPage page => ContentRevision.OfUnsaved(page, note, nowUtc),
                _ => throw new ArgumentException("Unknown content", nameof(content)),
            }
            : ContentRevision.Of(content, note, nowUtc));

    /// <summary>
    /// An address readers may have linked to (<paramref name="previousAddress"/>) keeps working once the content lives
    /// elsewhere: a redirect to its address now. Nothing when there was none or it did not change.
    /// </summary>
    public static Task KeepPreviousAddressAsync(
        this BlogDbContext db, string? previousAddress, PublishableContent content, DateTime nowUtc, CancellationToken cancellationToken) =>
        previousAddress is { Length: > 0 }
            ? db.LeaveRedirectAsync(previousAddress, Redirects.AddressOf(content), nowUtc, cancellationToken)
            : Task.CompletedTask;
}
