using Blog.Web.Markdown;

namespace Blog.Web.Posts;

public enum PublishStatus
{
    Draft = 0,
    Scheduled = 1,
    Published = 2,
}

/// <summary>
/// What posts and static pages share: a title, a slug, a Markdown body rendered once when it is saved,
/// and the publishing rules that decide whether a reader may see it.
/// </summary>
public abstract class PublishableContent
{
    public const int OpeningLength = 600;

    public int Id { get; private set; }

    public string Title { get; set; } = "";

    public string Slug { get; set; } = "";

    public string BodyMarkdown { get; private set; } = "";

    /// <summary>Sanitized HTML, rendered from <see cref="BodyMarkdown"/> when the body is set.</summary>
    public string BodyHtml { get; private set; } = "";

    /// <summary>The body as plain text, for excerpts, reading time and search.</summary>
    public string BodyText { get; private set; } = "";

    /// <summary>The first words of <see cref="BodyText"/>, kept beside the list columns so lists never read whole bodies.</summary>
    public string Opening { get; private set; } = "";

    public int WordCount { get; private set; }

    public PublishStatus Status { get; private set; }

    /// <summary>When readers may first see it (UTC). Null while a draft has never been published.</summary>
    public DateTime? PublishedAtUtc { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime UpdatedAtUtc { get; private set; }

    /// <summary>Set when the author moves it to the trash; trashed content is never shown to readers.</summary>
    public DateTime? DeletedAtUtc { get; private set; }

    public string? SeoTitle { get; set; }

    public string? SeoDescription { get; set; }

    /// <summary>
    /// Goes up by one with every save. An editor remembers the version it opened, so a save made on top of someone
    /// else's (another tab, another device) is noticed instead of silently overwriting it.
    /// </summary>
    public int Version { get; private set; }

    public int ReadingMinutes => ReadingTime.Minutes(WordCount);

    protected PublishableContent()
    {
    }

    protected PublishableContent(string title, string slug, DateTime nowUtc)
    {
        Title = title;
        Slug = slug;
        CreatedAtUtc = nowUtc;
        UpdatedAtUtc = nowUtc;
    }

    public void SetBody(string markdown, MarkdownRenderer renderer, DateTime nowUtc, Media.LibraryImages? images = null)
    {
        var rendered = renderer.Render(markdown, images);
        BodyMarkdown = markdown;
        BodyHtml = rendered.Html;
        BodyText = rendered.PlainText;
        Opening = OpeningOf(rendered);
        WordCount = rendered.WordCount;
        Touch(nowUtc);
    }

    /// <summary>
    /// Renders the same Markdown again (the library's descriptions, captions or the blog's photo settings changed, or
    /// a new release renders differently). Not an edit: the text, the dates and the version stay as they were.
    /// </summary>
    public bool Rerender(MarkdownRenderer renderer, Media.LibraryImages images)
    {
        var rendered = renderer.Render(BodyMarkdown, images);
        if (rendered.Html == BodyHtml)
        {
            return false;
        }

        BodyHtml = rendered.Html;
        BodyText = rendered.PlainText;
        Opening = OpeningOf(rendered);
        WordCount = rendered.WordCount;
        return true;
    }

    /// <summary>The start of the prose (or of all the text, when it has no prose: a text of headings and photos).</summary>
    private static string OpeningOf(RenderedMarkdown rendered)
    {
        var text = rendered.Prose.Length > 0 ? rendered.Prose : rendered.PlainText;
        return text.Length <= OpeningLength ? text : text[..OpeningLength];
    }

    public void Touch(DateTime nowUtc) => UpdatedAtUtc = nowUtc;

    /// <summary>Marks a save by the author: a new version, to be recorded as a revision.</summary>
    public void NewVersion(DateTime nowUtc)
    {
        Version++;
        Touch(nowUtc);
    }

    public bool IsVisibleAt(DateTime nowUtc) =>
        Status != PublishStatus.Draft && DeletedAtUtc is null && PublishedAtUtc <= nowUtc;

    /// <summary>Publishes now, or keeps the original date when it was published before.</summary>
    public void Publish(DateTime nowUtc)
    {
        if (Status != PublishStatus.Published || PublishedAtUtc is null || PublishedAtUtc > nowUtc)
        {
            PublishedAtUtc = nowUtc;
        }

        Status = PublishStatus.Published;
        Touch(nowUtc);
    }

    /// <summary>Publishes at a given moment: a future one schedules it, a past one back-dates it.</summary>
    public void PublishAt(DateTime publishAtUtc, DateTime nowUtc)
    {
        if (publishAtUtc.Kind != DateTimeKind.Utc)
        {
            throw new ArgumentException("Publish times are kept in UTC.", nameof(publishAtUtc));
        }

        PublishedAtUtc = publishAtUtc;
        Status = publishAtUtc > nowUtc ? PublishStatus.Scheduled : PublishStatus.Published;
        Touch(nowUtc);
    }

    public void Unpublish(DateTime nowUtc)
    {
        Status = PublishStatus.Draft;
        Touch(nowUtc);
    }

    public void MoveToTrash(DateTime nowUtc) => DeletedAtUtc = nowUtc;

    public void RestoreFromTrash() => DeletedAtUtc = null;
}
