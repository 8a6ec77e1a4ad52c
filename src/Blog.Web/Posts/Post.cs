namespace Blog.Web.Posts;

public sealed class Post : PublishableContent
{
    /// <summary>The author's own excerpt; when empty, readers see the opening of the body instead.</summary>
    public string? Excerpt { get; set; }

    public string? CoverImageUrl { get; set; }

    public string? CoverImageAlt { get; set; }

    public int? CategoryId { get; set; }

    public Category? Category { get; set; }

    public List<Tag> Tags { get; } = [];

    private Post()
    {
    }

    public Post(string title, string slug, DateTime nowUtc)
        : base(title, slug, nowUtc)
    {
    }

    public string Summary => TextExcerpt.ExcerptOrOpening(Excerpt, BodyText);
}
