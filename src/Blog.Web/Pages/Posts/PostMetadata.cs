using Blog.Web.Media;
using Blog.Web.Posts;
using Blog.Web.Seo;

namespace Blog.Web.Pages.Posts;

internal static class PostMetadata
{
    /// <summary>A post's title, description and link preview: an article with its dates, section, tags and cover.</summary>
    public static PageMetadata For(PostView post) =>
        new(post.SeoTitle ?? post.Title, post.SeoDescription ?? post.Summary)
        {
            CanonicalPath = SitePaths.Post(post.Slug),
            SchemaType = SchemaTypes.BlogPosting,
            Image = CoverImage(post),
            Article = new ArticleFacts(
                post.PublishedAtUtc ?? post.UpdatedAtUtc, post.UpdatedAtUtc, post.Category?.Name, [.. post.Tags.Select(t => t.Name)]),
        };

    /// <summary>The cover as the preview image: for a library photo, its JPEG of at most 1600 px, with its size.</summary>
    private static PageImage? CoverImage(PostView post)
    {
        if (string.IsNullOrEmpty(post.CoverImageUrl))
        {
            return null;
        }

        if (ResponsiveImage.TryParseId(post.CoverImageUrl, out var id) && post is { CoverImageWidth: { } width, CoverImageHeight: { } height })
        {
            var photo = new ResponsiveImage(id, width, height, post.CoverImageAlt);
            return new PageImage(photo.FallbackUrl, post.CoverImageAlt, photo.FallbackWidthValue, photo.HeightAt(photo.FallbackWidthValue));
        }

        return new PageImage(post.CoverImageUrl, post.CoverImageAlt);
    }
}
