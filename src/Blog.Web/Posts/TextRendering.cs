using Blog.Web.Data;
using Blog.Web.Markdown;
using Blog.Web.Media;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Posts;

/// <summary>
/// Renders saved posts and pages again from their Markdown, for what their HTML takes from elsewhere: a photo's
/// description, caption or focal point in the library, the camera-details setting, or a release that renders
/// photos differently. Never an edit: dates, versions and revisions are left alone.
/// </summary>
public sealed class TextRendering(BlogDbContext db, MarkdownRenderer renderer)
{
    /// <summary>The migration after which every text is rendered once more (the photo blocks came with it).</summary>
    public const string RerenderAfterMigration = "_Photographs";

    /// <param name="photoId">Only the texts that use this library photo; null for every text that uses any.</param>
    /// <param name="everything">Every text, photos or not (a release that renders differently).</param>
    /// <returns>How many texts changed.</returns>
    public async Task<int> RerenderAsync(int? photoId, CancellationToken cancellationToken, bool everything = false)
    {
        var prefix = everything ? "" : photoId is { } id ? ResponsiveImage.UrlPrefix(id) : "/media/";
        var posts = await db.Posts.Where(p => p.BodyMarkdown.Contains(prefix) || (p.CoverImageUrl != null && p.CoverImageUrl.Contains(prefix)))
            .ToListAsync(cancellationToken);
        var pages = await db.StaticPages.Where(p => p.BodyMarkdown.Contains(prefix)).ToListAsync(cancellationToken);
        var changed = 0;
        foreach (var text in posts.Cast<PublishableContent>().Concat(pages))
        {
            var cover = (text as Post)?.CoverImageUrl;
            var images = await db.LoadLibraryImagesAsync(cancellationToken, text.BodyMarkdown, cover);
            if (text.Rerender(renderer, images))
            {
                changed++;
            }

            if (text is Post post && images.Find(cover) is { } coverImage)
            {
                post.SetCover(post.CoverImageUrl, post.CoverImageAlt, coverImage);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return changed;
    }
}
