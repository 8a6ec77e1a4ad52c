using System.ComponentModel.DataAnnotations;
using Blog.Web.Posts;
using Blog.Web.Settings;

namespace Blog.Web.Editing;

/// <summary>The post editor's form.</summary>
public sealed class PostInput : ContentInput
{
    [StringLength(1000)]
    public string? Excerpt { get; set; }

    [StringLength(1000)]
    [Display(Name = "Tags (comma-separated)")]
    public string? Tags { get; set; }

    [StringLength(100)]
    public string? Category { get; set; }

    [StringLength(2000)]
    [Display(Name = "Cover image URL")]
    public string? CoverImageUrl { get; set; }

    /// <summary>A cover chosen from the library; it wins over the address typed in.</summary>
    [Display(Name = "Cover image from the library")]
    public int? CoverMediaId { get; set; }

    [StringLength(500)]
    [Display(Name = "Cover image description (alt text)")]
    public string? CoverImageAlt { get; set; }

    /// <summary>Email the post to subscribers when it is published (now or at its scheduled time).</summary>
    [Display(Name = "Email it to subscribers")]
    public bool EmailSubscribers { get; set; }

    /// <summary>Set by the form when it showed the email choice: without it, a save leaves the mailing as it is.</summary>
    public bool EmailChoiceShown { get; set; }

    [Display(Name = "Close comments on this post")]
    public bool CommentsClosed { get; set; }

    public static PostInput From(Post post, BlogDates dates)
    {
        var input = new PostInput
        {
            Excerpt = post.Excerpt,
            CommentsClosed = post.CommentsClosed,
            Tags = string.Join(", ", post.Tags.Select(t => t.Name).Order()),
            Category = post.Category?.Name,
            CoverImageUrl = post.CoverImageUrl,
            CoverImageAlt = post.CoverImageAlt,
            CoverMediaId = Media.ResponsiveImage.TryParseId(post.CoverImageUrl, out var mediaId) ? mediaId : null,
        };
        input.Load(post, dates);
        return input;
    }

    public IEnumerable<string> TagNames =>
        (Tags ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .DistinctBy(Posts.Slug.From, StringComparer.Ordinal)
            .Where(name => Posts.Slug.From(name).Length > 0);

    public void ApplyPostFieldsTo(Post post)
    {
        post.Excerpt = Blank(Excerpt);
        post.CommentsClosed = CommentsClosed;
    }

    public string? CoverUrl => Blank(CoverImageUrl);

    public string? CoverAlt => Blank(CoverImageAlt);
}
