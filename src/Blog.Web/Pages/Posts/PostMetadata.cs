using Blog.Web.Media;
using Blog.Web.Posts;
using Blog.Web.Seo;

namespace Blog.Web.Pages.Posts;

internal static class PostMetadata
{
    /// <summary>A post's title, description and link preview: an article with its dates, section, tags and cover.</summary>
    public static PageMetadata For(PostView post) =>
        new(post.SeoTitle ?? post.Card.Title, post.SeoDescription ?? post.Card.Summary)
        {
            CanonicalPath = SitePaths.Post(post.Card.Slug),
            SchemaType = SchemaTypes.BlogPosting,
            Image = CoverImage(post.Card),
            Article = new ArticleFacts(
                post.DisplayDateUtc, post.UpdatedAtUtc, post.Card.Category?.Name, [.. post.Tags.Select(t => t.Name)]),
        };

    /// <summary>The cover as the preview image: for a library photo, its JPEG of at most 1600 px, with its size.</summary>
    private static PageImage? CoverImage(PostSummary post)
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
