namespace Blog.Web.Posts;

public sealed class Post : PublishableContent
{
    /// <summary>The author's own excerpt; when empty, readers see the opening of the body instead.</summary>
    public string? Excerpt { get; set; }

    public string? CoverImageUrl { get; set; }

    public string? CoverImageAlt { get; set; }

    /// <summary>Set when the cover is a library photo (its size), so lists and the post page can offer every width.</summary>
    public int? CoverImageWidth { get; private set; }

    public int? CoverImageHeight { get; private set; }

    /// <summary>The library photo's focal point when the cover was chosen (kept in step when the author moves it), in percent.</summary>
    public int? CoverFocusX { get; private set; }

    public int? CoverFocusY { get; private set; }

    public int? CategoryId { get; set; }

    public Category? Category { get; set; }

    public List<Tag> Tags { get; } = [];

    /// <summary>This post takes no new comments (those shown stay shown).</summary>
    public bool CommentsClosed { get; set; }

    private Post()
    {
    }

    public Post(string title, string slug, DateTime nowUtc)
        : base(title, slug, nowUtc)
    {
    }

    /// <summary>Points the cover at <paramref name="url"/>, remembering its size when it is a library photo.</summary>
    public void SetCover(string? url, string? alt, Media.ResponsiveImage? libraryImage)
    {
        CoverImageUrl = url;
        CoverImageAlt = alt;
        CoverImageWidth = libraryImage?.Width;
        CoverImageHeight = libraryImage?.Height;
        CoverFocusX = libraryImage?.Focus.X;
        CoverFocusY = libraryImage?.Focus.Y;
    }

    public string Summary => TextExcerpt.ExcerptOrOpening(Excerpt, Opening);
}
