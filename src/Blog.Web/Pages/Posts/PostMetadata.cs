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
            Image = string.IsNullOrEmpty(post.CoverImageUrl) ? null : new PageImage(post.CoverImageUrl, post.CoverImageAlt),
            Article = new ArticleFacts(
                post.PublishedAtUtc ?? post.UpdatedAtUtc, post.UpdatedAtUtc, post.Category?.Name, [.. post.Tags.Select(t => t.Name)]),
        };
}
