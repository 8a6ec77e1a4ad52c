using Blog.Web.Comments;
using Blog.Web.Data;
using Blog.Web.Posts;
using Blog.Web.Settings;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Portability.Import;

/// <summary>
/// Restores what our own export keeps in <c>site.json</c>: the settings (they replace the current ones: importing
/// your own export means "make this blog that blog"), category descriptions, tags, comments and redirects.
/// </summary>
public static class SiteDataImporter
{
    public static async Task<ReportLine> ImportAsync(BlogDbContext db, SiteData site, DateTime nowUtc, CancellationToken cancellationToken)
    {
        if (site.Settings is { } imported)
        {
            var settings = await db.SiteSettings.SingleOrDefaultAsync(cancellationToken) ?? db.SiteSettings.Add(new SiteSettings()).Entity;
            imported.ApplyTo(settings);
        }

        foreach (var data in site.Categories)
        {
            var category = await db.Categories.SingleOrDefaultAsync(c => c.Slug == data.Slug, cancellationToken) ?? db.Categories.Add(new Category(data.Name)).Entity;
            category.Description = data.Description;
        }

        foreach (var data in site.Tags.Where(t => Slug.IsValid(t.Slug)))
        {
            if (!await db.Tags.AnyAsync(t => t.Slug == data.Slug, cancellationToken))
            {
                db.Tags.Add(new Tag(data.Name));
            }
        }

        var posts = await db.Posts.Select(p => new { p.Id, p.Slug }).ToDictionaryAsync(p => p.Slug, p => p.Id, StringComparer.OrdinalIgnoreCase, cancellationToken);
        var comments = 0;
        var added = new Dictionary<(int PostId, string OriginalId), Comment>();
        foreach (var data in site.Comments)
        {
            if (!posts.TryGetValue(data.PostSlug, out var postId)
                || await db.Comments.AnyAsync(c => c.PostId == postId && c.OriginalId == data.OriginalId, cancellationToken))
            {
                continue;
            }

            comments++;
            var comment = new Comment
            {
                PostId = postId, OriginalId = data.OriginalId, AuthorName = data.AuthorName, AuthorEmail = data.AuthorEmail,
                AuthorUrl = data.AuthorUrl, CreatedAtUtc = data.CreatedAtUtc, Text = data.Content, IsOwner = data.IsOwner,
                Html = data.Html is { Length: > 0 } html ? CommentMarkdown.Sanitize(html) : CommentMarkdown.RenderImported(data.Content),
                Status = Enum.TryParse<CommentStatus>(data.Status, ignoreCase: true, out var status) && Enum.IsDefined(status) ? status
                    : data.Approved ? CommentStatus.Approved : CommentStatus.Held,
            };
            if (Comment.IsWebmentionSource(data.SourceUrl)
                && !await db.Comments.AnyAsync(c => c.PostId == postId && c.SourceUrl == data.SourceUrl, cancellationToken))
            {
                // A webmention: one per source and post, as when it was received.
                comment.SourceUrl = data.SourceUrl;
                comment.Kind = Enum.TryParse<CommentKind>(data.Kind, ignoreCase: true, out var kind) && Enum.IsDefined(kind) && kind != CommentKind.Comment ? kind : CommentKind.Mention;
            }

            db.Comments.Add(comment);
            if (data.OriginalId is not null)
            {
                added[(postId, data.OriginalId)] = comment;
            }
        }

        // Threading once all are known; a parent that came earlier (a second import) is found in the database.
        foreach (var data in site.Comments.Where(d => d.ParentOriginalId is not null && d.OriginalId is not null && posts.ContainsKey(d.PostSlug)))
        {
            var postId = posts[data.PostSlug];
            if (!added.TryGetValue((postId, data.OriginalId!), out var reply))
            {
                continue;
            }

            if (added.TryGetValue((postId, data.ParentOriginalId!), out var parent))
            {
                reply.Parent = parent.Parent ?? parent;
            }
            else if (await db.Comments.Where(c => c.PostId == postId && c.OriginalId == data.ParentOriginalId).Select(c => new { c.Id, c.ParentId })
                         .FirstOrDefaultAsync(cancellationToken) is { } existing)
            {
                reply.ParentId = existing.ParentId ?? existing.Id;
            }
        }

        foreach (var redirect in site.Redirects)
        {
            await db.LeaveRedirectAsync(redirect.From, redirect.To, nowUtc, cancellationToken);
            await db.SaveChangesAsync(cancellationToken); // one at a time, so a chain is seen as it forms
        }

        await db.SaveChangesAsync(cancellationToken);
        return new ReportLine(0, "site.json", "settings", Outcomes.Updated, null,
            $"settings, {site.Categories.Count} categories, {site.Tags.Count} tags, {comments} new comments, {site.Redirects.Count} redirects");
    }
}
