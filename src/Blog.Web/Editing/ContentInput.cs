using System.ComponentModel.DataAnnotations;
using Blog.Web.Markdown;
using Blog.Web.Media;
using Blog.Web.Posts;
using Blog.Web.Settings;

namespace Blog.Web.Editing;

/// <summary>What the post and page editors share. Times are wall-clock times in the blog's time zone.</summary>
public abstract class ContentInput
{
    [Required(ErrorMessage = "Give it a title.")]
    [StringLength(300)]
    public string Title { get; set; } = "";

    [StringLength(Posts.Slug.MaxLength)]
    [Display(Name = "Address (slug)")]
    public string? Slug { get; set; }

    [Display(Name = "Text")]
    [StringLength(2_000_000)]
    public string? Body { get; set; }

    [StringLength(300)]
    [Display(Name = "SEO title")]
    public string? SeoTitle { get; set; }

    [StringLength(500)]
    [Display(Name = "SEO description")]
    public string? SeoDescription { get; set; }

    /// <summary>As typed: "3 December 2026 09:00" in the blog's time zone (see <see cref="BlogDates.TryParseLocal"/>).</summary>
    [StringLength(60)]
    [Display(Name = "Publish at")]
    public string? PublishAt { get; set; }

    /// <summary>The version of the content this form was opened on.</summary>
    public int Version { get; set; }

    /// <summary>Identifies new content's autosaves before it has an id.</summary>
    [StringLength(40)]
    public string? DraftKey { get; set; }

    public string EffectiveSlug => string.IsNullOrWhiteSpace(Slug) ? Posts.Slug.From(Title) : Slug.Trim();

    /// <summary>Fills the shared fields from saved content.</summary>
    protected void Load(PublishableContent content, BlogDates dates)
    {
        Title = content.Title;
        Slug = content.Slug;
        Body = content.BodyMarkdown;
        SeoTitle = content.SeoTitle;
        SeoDescription = content.SeoDescription;
        PublishAt = content.PublishedAtUtc is { } at ? dates.FormatDateTime(at) : null;
        Version = content.Version;
    }

    /// <summary>Copies the shared fields onto the content and renders its body.</summary>
    public void ApplyTo(PublishableContent content, MarkdownRenderer renderer, LibraryImages images, DateTime nowUtc)
    {
        content.Title = Title.Trim();
        content.Slug = EffectiveSlug;
        // Browsers send a textarea's lines as CRLF; the text is kept with the line endings the editor writes.
        content.SetBody((Body ?? "").ReplaceLineEndings("\n"), renderer, nowUtc, images);
        content.SeoTitle = Blank(SeoTitle);
        content.SeoDescription = Blank(SeoDescription);
    }

    protected static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
