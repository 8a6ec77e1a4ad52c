using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Blog.Web.Addresses;
using Blog.Web.Comments;
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
/// A new item's address is chosen by <see cref="ImportedSlugs"/>.
/// </summary>
public sealed class ContentImporter(
    BlogDbContext db, MarkdownRenderer renderer, ImageImporter images, ReservedSegments reserved, ImportReport report, DateTime nowUtc, bool dryRun)
{
    private readonly ImportedSlugs slugs = new(db, reserved, report, dryRun);

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
        var (slug, moved) = await slugs.ChooseAsync(item, cancellationToken);
        PublishableContent content = item.Kind == ImportKind.Post ? new Post(item.Title, slug, nowUtc) : new StaticPage(item.Title, slug, nowUtc);
        db.Add(content);
        return (content, moved);
    }

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
        var known = post.Id == 0 ? [] : await db.Comments.Where(c => c.PostId == post.Id && c.OriginalId != null)
            .ToDictionaryAsync(c => c.OriginalId!, cancellationToken);
        var added = new Dictionary<string, Comment>();
        var sources = post.Id == 0 ? [] : (await db.Comments.Where(c => c.PostId == post.Id && c.SourceUrl != null)
            .Select(c => c.SourceUrl!).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        foreach (var comment in comments.Where(c => c.OriginalId is null || !known.ContainsKey(c.OriginalId)))
        {
            var entity = new Comment
            {
                Post = post, OriginalId = comment.OriginalId, AuthorName = comment.AuthorName, AuthorEmail = Limit(comment.AuthorEmail, 300),
                AuthorUrl = Limit(comment.AuthorUrl, 2000), CreatedAtUtc = comment.CreatedAtUtc, Text = comment.Content,
                Html = CommentMarkdown.RenderImported(comment.Content), Status = comment.Status, IsOwner = comment.IsOwner,
            };
            if (Comment.IsWebmentionSource(comment.SourceUrl) && sources.Add(comment.SourceUrl))
            {
                // A webmention: one per source and post, as when it was received.
                entity.SourceUrl = comment.SourceUrl;
                entity.Kind = comment.Kind == CommentKind.Comment ? CommentKind.Mention : comment.Kind;
            }

            db.Comments.Add(entity);
            if (comment.OriginalId is not null)
            {
                added[comment.OriginalId] = entity;
            }
        }

        // Threading, once every comment of the post is known: a reply to a reply answers the first of them (one level deep).
        foreach (var comment in comments.Where(c => c.ParentOriginalId is not null && c.OriginalId is not null && added.ContainsKey(c.OriginalId)))
        {
            var reply = added[comment.OriginalId!];
            var parentOriginal = comment.ParentOriginalId!;
            for (var depth = 0; depth < 50 && comments.FirstOrDefault(c => c.OriginalId == parentOriginal)?.ParentOriginalId is { } higher; depth++)
            {
                parentOriginal = higher;
            }

            if (added.TryGetValue(parentOriginal, out var parent) && !ReferenceEquals(parent, reply))
            {
                reply.Parent = parent;
            }
            else if (known.TryGetValue(parentOriginal, out var existing))
            {
                reply.ParentId = existing.ParentId ?? existing.Id;
            }
        }
    }

    private static string? Limit(string? value, int length) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Length <= length ? value.Trim() : value[..length].Trim();

    private static string Hash(ImportedContent item) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(item with { Position = 0 }))));
}
