using System.ComponentModel.DataAnnotations;
using Blog.Web.Posts;
using Blog.Web.Settings;

namespace Blog.Web.Editing;

/// <summary>The post editor's form. Times are wall-clock times in the blog's time zone.</summary>
public sealed class PostInput
{
    [Required(ErrorMessage = "Give the post a title.")]
    [StringLength(300)]
    public string Title { get; set; } = "";

    [StringLength(Posts.Slug.MaxLength)]
    [Display(Name = "Address (slug)")]
    public string? Slug { get; set; }

    [Display(Name = "Text")]
    public string? Body { get; set; }

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

    [StringLength(500)]
    [Display(Name = "Cover image description (alt text)")]
    public string? CoverImageAlt { get; set; }

    [StringLength(300)]
    [Display(Name = "SEO title")]
    public string? SeoTitle { get; set; }

    [StringLength(500)]
    [Display(Name = "SEO description")]
    public string? SeoDescription { get; set; }

    [DataType(DataType.DateTime)]
    [Display(Name = "Publish at")]
    public DateTime? PublishAt { get; set; }

    /// <summary>The version of the post this form was opened on.</summary>
    public int Version { get; set; }

    /// <summary>Identifies a new post's autosaves before it has an id.</summary>
    [StringLength(40)]
    public string? DraftKey { get; set; }

    public static PostInput From(Post post, BlogDates dates) => new()
    {
        Title = post.Title,
        Slug = post.Slug,
        Body = post.BodyMarkdown,
        Excerpt = post.Excerpt,
        Tags = string.Join(", ", post.Tags.Select(t => t.Name).Order()),
        Category = post.Category?.Name,
        CoverImageUrl = post.CoverImageUrl,
        CoverImageAlt = post.CoverImageAlt,
        SeoTitle = post.SeoTitle,
        SeoDescription = post.SeoDescription,
        PublishAt = post.PublishedAtUtc is { } at ? dates.ToLocal(at).DateTime : null,
        Version = post.Version,
    };

    public IEnumerable<string> TagNames =>
        (Tags ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .DistinctBy(Posts.Slug.From, StringComparer.Ordinal)
            .Where(name => Posts.Slug.From(name).Length > 0);

    public string EffectiveSlug => string.IsNullOrWhiteSpace(Slug) ? Posts.Slug.From(Title) : Slug.Trim();
}
