using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Blog.Web.Addresses;
using Blog.Web.Data;
using Blog.Web.Media;
using Blog.Web.Markdown;
using Blog.Web.Posts;
using Blog.Web.StaticPages;
using Blog.Web.Writing;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Portability.Import;

/// <summary>
/// Writes one imported item into the blog, idempotently: the source key finds what an earlier import made of it,
/// which is updated only when the source changed and the author has not edited it here since (her edits win). A dry
/// run goes through the same decisions and writes nothing.
/// <para>
/// A new item keeps its slug unless something else has that address: the blog itself (a page's slug that is one of
/// its own first segments, <see cref="ReservedSegments"/>), the author's own content, or another item of the same
/// import. It then gets the next free slug (<c>about-2</c>), its report line says why, and its old address leads to
/// it. Sample content nobody has edited is not her own: on her first import the sample posts are removed, and the
/// sample About page gives way to an imported page that wants <c>/about</c>; the report's notes say so.
/// </para>
/// </summary>
public sealed class ContentImporter(
    BlogDbContext db, MarkdownRenderer renderer, ImageImporter images, ReservedSegments reserved, ImportReport report, DateTime nowUtc, bool dryRun)
{
    private readonly HashSet<string> claimedSlugs = new(StringComparer.OrdinalIgnoreCase);

    // Sample content removed by this import (or, in a dry run, that would be), by kind and slug: its slugs are free.
    private readonly HashSet<string> madeWay = new(StringComparer.OrdinalIgnoreCase);

    private bool samplePostsConsidered;

    public async Task<ReportLine> ImportAsync(ImportedContent item, CancellationToken cancellationToken)
    {
        var kind = item.Kind == ImportKind.Post ? "post" : "page";
        var hash = Hash(item);
        var mapping = await db.ImportedItems.SingleOrDefaultAsync(i => i.SourceKey == item.SourceKey, cancellationToken);
        PublishableContent? existing = mapping switch
        {
            { PostId: { } postId } => await db.Posts.Include(p => p.Tags).Include(p => p.Category).SingleOrDefaultAsync(p => p.Id == postId, cancellationToken),
            { StaticPageId: { } pageId } => await db.StaticPages.SingleOrDefaultAsync(p => p.Id == pageId, cancellationToken),
            _ => null,
        };

        if (existing is not null)
        {
            var address = Redirects.AddressOf(existing);
            if (mapping!.ContentHash == hash)
            {
                return new ReportLine(item.Position, item.Title, kind, Outcomes.Unchanged, address, "already imported, unchanged");
            }

            if (existing.Version != mapping.ImportedVersion || existing.DeletedAtUtc is not null)
            {
                return new ReportLine(item.Position, item.Title, kind, Outcomes.Skipped, address,
                    "changed here since it was imported: your version is kept");
            }
        }

        var (content, moved) = existing is null ? await CreateAsync(item, cancellationToken) : (existing, null);
        if (!dryRun)
        {
            await ApplyAsync(item, content, cancellationToken);
        }

        var outcome = existing is null ? Outcomes.Created : Outcomes.Updated;
        var line = new ReportLine(item.Position, item.Title, kind, outcome, Redirects.AddressOf(content), moved);
        if (dryRun)
        {
            db.ChangeTracker.Clear();
            return line;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        mapping ??= db.ImportedItems.Add(new ImportedItem(item.SourceKey)).Entity;
        mapping.PostId = content is Post ? content.Id : null;
        mapping.StaticPageId = content is StaticPage ? content.Id : null;
        (mapping.ContentHash, mapping.ImportedVersion, mapping.ImportedAtUtc) = (hash, content.Version, nowUtc);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return line;
    }

    /// <summary>The new content at a free slug, and when it could not have the one it wanted, why and where it went.</summary>
    private async Task<(PublishableContent Content, string? Moved)> CreateAsync(ImportedContent item, CancellationToken cancellationToken)
    {
        await RemoveSamplePostsOnFirstImportAsync(cancellationToken);
        var wanted = Slug.IsValid(item.Slug) ? item.Slug! : Slug.From(item.Title) is { Length: > 0 } fromTitle ? fromTitle : item.Kind == ImportKind.Post ? "post" : "page";
        var slug = wanted;
        string? takenBy = null;
        for (var n = 2; await TakenByAsync(item.Kind, slug, cancellationToken) is { } who; n++)
        {
            takenBy ??= who;
            var suffix = $"-{n}";
            slug = wanted[..Math.Min(wanted.Length, Slug.MaxLength - suffix.Length)] + suffix;
        }

        claimedSlugs.Add(Key(item.Kind, slug));
        PublishableContent content = item.Kind == ImportKind.Post ? new Post(item.Title, slug, nowUtc) : new StaticPage(item.Title, slug, nowUtc);
        db.Add(content);
        return (content, takenBy is null ? null : Moved(item, AddressOf(item.Kind, wanted), takenBy, Redirects.AddressOf(content)));
    }

    /// <summary>What has the address <paramref name="slug"/> gives, in words ("by your page “About”"); null when it is free.</summary>
    private async Task<string?> TakenByAsync(ImportKind kind, string slug, CancellationToken cancellationToken)
    {
        if (claimedSlugs.Contains(Key(kind, slug)))
        {
            return "by another item of this import";
        }

        if (madeWay.Contains(Key(kind, slug)))
        {
            return null;
        }

        if (kind == ImportKind.Page && reserved.Contains(slug))
        {
            return "by the blog itself";
        }

        var taken = kind == ImportKind.Post
            ? await db.Posts.Where(p => p.Slug == slug).Select(p => new { p.Title, p.DeletedAtUtc }).FirstOrDefaultAsync(cancellationToken)
            : await db.StaticPages.Where(p => p.Slug == slug).Select(p => new { p.Title, p.DeletedAtUtc }).FirstOrDefaultAsync(cancellationToken);
        if (taken is null || (kind == ImportKind.Page && slug == SampleContent.PageSlug && await MakeWayForSamplePageAsync(cancellationToken)))
        {
            return null;
        }

        return $"by your {(kind == ImportKind.Post ? "post" : "page")} “{taken.Title}”{(taken.DeletedAtUtc is null ? "" : " (in the trash)")}";
    }

    /// <summary>
    /// On the author's first import (no item imported before), the sample posts nobody has edited are removed: they
    /// welcome her to an empty blog, and her own writing is arriving. Removed at once, so their slugs are free.
    /// </summary>
    private async Task RemoveSamplePostsOnFirstImportAsync(CancellationToken cancellationToken)
    {
        if (samplePostsConsidered)
        {
            return;
        }

        samplePostsConsidered = true;
        if (await db.ImportedItems.AnyAsync(cancellationToken))
        {
            return;
        }

        var samples = (await SampleContent.UntouchedAsync(db, cancellationToken)).Where(c => c is Post).ToList();
        await RemoveSamplesAsync(samples, "nobody had edited it, and your own posts are arriving", cancellationToken);
    }

    /// <summary>The sample About page, if nobody has edited it, makes way for an imported page that wants its address.</summary>
    private async Task<bool> MakeWayForSamplePageAsync(CancellationToken cancellationToken)
    {
        var samples = (await SampleContent.UntouchedAsync(db, cancellationToken)).Where(c => c is StaticPage).ToList();
        await RemoveSamplesAsync(samples, "nobody had edited it, and your own page takes its address", cancellationToken);
        return samples.Count > 0;
    }

    private async Task RemoveSamplesAsync(List<PublishableContent> samples, string why, CancellationToken cancellationToken)
    {
        foreach (var sample in samples)
        {
            madeWay.Add(Key(sample is Post ? ImportKind.Post : ImportKind.Page, sample.Slug));
            report.Notes.Add($"The sample {(sample is Post ? "post" : "page")} “{sample.Title}” ({Redirects.AddressOf(sample)}) " +
                $"{(dryRun ? "would be" : "was")} removed: {why}.");
        }

        if (samples.Count > 0 && !dryRun)
        {
            await SampleContent.RemoveAsync(db, samples, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>The report's words for an item that could not have the address it wanted.</summary>
    private static string Moved(ImportedContent item, string wantedAddress, string takenBy, string address)
    {
        var moved = $"{wantedAddress} is taken {takenBy}: imported at {address}";
        var old = item.OriginalPath is { Length: > 0 } path ? RedirectPath.Normalize(path) : null;
        return old is null || string.Equals(old, address, StringComparison.OrdinalIgnoreCase)
            ? moved + "."
            : string.Equals(old, RedirectPath.Normalize(wantedAddress), StringComparison.OrdinalIgnoreCase)
                ? moved + $"; its old address {old} keeps showing what is there (a real page always wins over a redirect)."
                : moved + $"; its old address {old} leads there.";
    }

    private static string AddressOf(ImportKind kind, string slug) => kind == ImportKind.Post ? SitePaths.Post(slug) : SitePaths.Page(slug);

    private static string Key(ImportKind kind, string slug) => $"{kind}:{slug}";

    private async Task ApplyAsync(ImportedContent item, PublishableContent content, CancellationToken cancellationToken)
    {
        content.Title = item.Title;
        var markdown = await images.RewriteAsync(item.BodyMarkdown, item.Title, cancellationToken);
        var cover = item.CoverImageUrl is { } coverUrl ? await images.StoreAsync(coverUrl, item.Title, cancellationToken) ?? coverUrl : null;

        // Rendered like the editor renders: library photos become responsive pictures.
        var library = await db.LoadLibraryImagesAsync(cancellationToken, markdown, cover);
        content.SetBody(markdown, renderer, nowUtc, library);
        (content.SeoTitle, content.SeoDescription) = (Limit(item.SeoTitle, 300), Limit(item.SeoDescription, 500));
        if (item.Status == ImportStatus.Published || item.PublishedAtUtc is not null)
        {
            content.PublishAt(item.PublishedAtUtc ?? nowUtc, nowUtc);
        }

        if (item.Status == ImportStatus.Draft)
        {
            content.Unpublish(nowUtc); // a draft keeps its date, as the editor does after unpublishing
        }

        switch (content)
        {
            case Post post:
                post.Excerpt = Limit(item.Excerpt, 1000);
                post.SetCover(cover, Limit(item.CoverImageAlt, 500), library.Find(cover));
                await db.SetTermsAsync(post, item.Categories is [var category, ..] ? category : null, item.Tags, cancellationToken);
                await AddCommentsAsync(post, item.Comments, cancellationToken);
                break;
            case StaticPage page:
                (page.MenuOrder, page.ShowInNavigation) = (item.MenuOrder, item.ShowInNavigation);
                break;
        }

        content.NewVersion(nowUtc);
        db.RecordRevision(content, content.Id == 0 ? "Imported" : "Updated by an import", nowUtc);
        await db.KeepPreviousAddressAsync(item.OriginalPath, content, nowUtc, cancellationToken);
    }

    private async Task AddCommentsAsync(Post post, IReadOnlyList<ImportedComment> comments, CancellationToken cancellationToken)
    {
        var known = post.Id == 0 ? [] : await db.Comments.Where(c => c.PostId == post.Id).Select(c => c.OriginalId).ToListAsync(cancellationToken);
        foreach (var comment in comments.Where(c => c.OriginalId is null || !known.Contains(c.OriginalId)))
        {
            db.Comments.Add(new Comment
            {
                Post = post, OriginalId = comment.OriginalId, AuthorName = comment.AuthorName, AuthorEmail = Limit(comment.AuthorEmail, 300),
                AuthorUrl = Limit(comment.AuthorUrl, 2000), CreatedAtUtc = comment.CreatedAtUtc, Content = comment.Content, Approved = true,
            });
        }
    }

    private static string? Limit(string? value, int length) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Length <= length ? value.Trim() : value[..length].Trim();

    private static string Hash(ImportedContent item) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(item with { Position = 0 }))));
}
