using System.Globalization;
using System.Xml;
using Blog.Web.Posts;

using Blog.Web.Comments;

namespace Blog.Web.Portability.Import;

/// <summary>
/// Reads WordPress eXtended RSS (1.0, 1.1, 1.2), as WordPress and Squarespace export it, forgivingly: forbidden
/// control characters are dropped, unknown namespaces ignored, CDATA optional. An item that makes no sense is
/// skipped with its reason; only XML that is not well-formed (an unclosed tag) fails the whole file, with its line.
/// </summary>
public sealed class WxrReader(TimeZoneInfo blogTimeZone)
{
    private static readonly string[] LocalFormats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd"];

    /// <summary>
    /// Opens a WXR file for import. The whole file is read once first, counting its items and checking that it is
    /// well-formed, so a broken file fails before anything is written; then the import reads it item by item.
    /// </summary>
    /// <exception cref="XmlException">The file is not well-formed XML; <see cref="XmlException.LineNumber"/> says where.</exception>
    public ImportSource Open(string path)
    {
        int count;
        using (var scan = File.OpenRead(path))
        {
            count = Scan(scan).Count();
        }

        var file = File.OpenRead(path);
        return new ImportSource(count, Scan(file).Select(Interpret), file: file);
    }

    /// <summary>Reads every item of a small file at once (tests, previews).</summary>
    /// <exception cref="XmlException">The file is not well-formed XML.</exception>
    public ImportSource Read(Stream stream)
    {
        var entries = Scan(stream).Select(Interpret).ToList();
        return new ImportSource(entries.Count, entries);
    }

    /// <summary>The items of the file, one at a time, each numbered by its place in the file.</summary>
    private static IEnumerable<(WxrItem Item, int Position)> Scan(Stream stream)
    {
        using var text = new XmlTextRunLimiter(
            new XmlCharacterFilter(new StreamReader(stream, detectEncodingFromByteOrderMarks: true)), ImportLimits.MaxItemChars + 1);
        var settings = new XmlReaderSettings
        {
            CheckCharacters = false,
            DtdProcessing = DtdProcessing.Ignore,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };

        // Exports that forget to declare the usual prefixes still read: these are declared in advance.
        var names = new XmlNamespaceManager(new NameTable());
        names.AddNamespace("wp", "http://wordpress.org/export/1.2/");
        names.AddNamespace("content", "http://purl.org/rss/1.0/modules/content/");
        names.AddNamespace("excerpt", "http://wordpress.org/export/1.2/excerpt/");
        names.AddNamespace("dc", "http://purl.org/dc/elements/1.1/");
        names.AddNamespace("wfw", "http://wellformedweb.org/CommentAPI/");
        using var reader = XmlReader.Create(text, settings, new XmlParserContext(null, names, null, XmlSpace.None));

        var position = 0;
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && WxrItem.Key(reader) == "item")
            {
                yield return (WxrItem.Read(reader), ++position);
            }
        }
    }

    private ImportEntry Interpret((WxrItem Item, int Position) read)
    {
        var (item, position) = read;
        var (content, reason) = item.TooLarge ? (null, ImportLimits.TooLarge("it")) : Interpret(item, position);
        return content is not null
            ? new ImportEntry(content, null)
            : new ImportEntry(null, new SkippedItem(position, item["title"] ?? "(untitled)", reason!));
    }

    private (ImportedContent? Content, string? Reason) Interpret(WxrItem item, int position)
    {
        var type = item["wp:post_type"] ?? "post";
        if (type is not ("post" or "page"))
        {
            return (null, $"a WordPress “{type}”, not a post or a page");
        }

        var status = item["wp:status"] ?? "publish";
        if (status is "trash" or "auto-draft" or "inherit")
        {
            return (null, $"its status on the old blog is “{status}”");
        }

        var title = item["title"];
        var html = item["content:encoded"];
        if (title is null && html is null)
        {
            return (null, "it has neither a title nor any content");
        }

        if (!TryReadDate(item, out var publishedAtUtc, out var badDate))
        {
            return (null, $"its date “{badDate}” is not a date");
        }

        var body = HtmlToMarkdown.Convert(html);
        // An untitled post (an "aside") is named after its opening words, as WordPress lists it.
        title ??= TextExcerpt.FromText(Markdown.PlainText.FromHtml(html ?? ""), 8) is { Length: > 0 } opening ? opening : "(untitled)";
        var categories = item.Terms.Where(t => t.Domain == "category" && t.Name.Length > 0).Select(t => t.Name).ToList();
        var tags = item.Terms.Where(t => t.Domain == "post_tag" && t.Name.Length > 0).Select(t => t.Name);
        var key = item["guid"] ?? (item["wp:post_id"] is { } id ? $"post-{id}" : item["link"] ?? $"position-{position}");
        return (new ImportedContent
        {
            Position = position,
            SourceKey = "wxr:" + key,
            Kind = type == "page" ? ImportKind.Page : ImportKind.Post,
            Title = Truncate(title, 300),
            Slug = item["wp:post_name"] is { } name ? Slug.From(Uri.UnescapeDataString(name)) : null,
            BodyMarkdown = body,
            Excerpt = item["excerpt:encoded"] is { } excerpt ? Truncate(Markdown.PlainText.FromHtml(excerpt).Trim(), 1000) : null,
            Status = status is "publish" or "future" ? ImportStatus.Published : ImportStatus.Draft,
            PublishedAtUtc = publishedAtUtc,
            Categories = categories.Take(1).ToList(),

            // The blog has one category a post: further ones become tags rather than being lost.
            Tags = [.. tags.Concat(categories.Skip(1)).Distinct(StringComparer.OrdinalIgnoreCase)],
            MenuOrder = int.TryParse(item["wp:menu_order"], CultureInfo.InvariantCulture, out var order) ? order : 0,
            OriginalPath = RedirectPath.Normalize(item["link"]),
            Comments = [.. item.Comments.Select(ReadComment).OfType<ImportedComment>()],
        }, null);
    }

    /// <summary>
    /// The GMT date when WordPress wrote one (drafts have 0000-00-00), else the local date in the blog's time zone,
    /// else the RSS pubDate. A date that is there but unreadable makes the item malformed.
    /// </summary>
    private bool TryReadDate(WxrItem item, out DateTime? utc, out string? badDate)
    {
        (utc, badDate) = (null, null);
        foreach (var (key, isUtc) in new[] { ("wp:post_date_gmt", true), ("wp:post_date", false), ("pubDate", true) })
        {
            if (item[key] is not { } value || value.StartsWith("0000-00-00", StringComparison.Ordinal))
            {
                continue;
            }

            if (ParseDate(value, isUtc) is { } parsed)
            {
                utc = parsed;
                return true;
            }

            badDate ??= value;
        }

        return badDate is null;
    }

    private DateTime? ParseDate(string value, bool isUtc)
    {
        if (DateTime.TryParseExact(value, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return isUtc ? DateTime.SpecifyKind(local, DateTimeKind.Utc) : new Settings.BlogDates(blogTimeZone, CultureInfo.InvariantCulture).ToUtc(local);
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var any)
            ? any.UtcDateTime
            : null;
    }

    private ImportedComment? ReadComment(Dictionary<string, string> fields)
    {
        string? Field(string key) => fields.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        // Spam stays behind: it is the one state nobody wants to move house with.
        // A webmention (WordPress's Webmention plugin, or our own export) keeps its source and kind; a like has no text.
        var source = Field("wp:comment_type") == WxrWebmentions.CommentType ? Field("meta:" + WxrWebmentions.SourceMeta) : null;
        var content = Field("wp:comment_content") ?? (source is null ? null : "");
        if (Field("wp:comment_type") is "pingback" or "trackback" || Field("wp:comment_approved") == "spam" || content is null)
        {
            return null;
        }

        var status = Field("wp:comment_approved") switch
        {
            "1" or "approve" => CommentStatus.Approved,
            "trash" or "post-trashed" => CommentStatus.Trash,
            _ => CommentStatus.Held,
        };

        var date = (Field("wp:comment_date_gmt") is { } gmt ? ParseDate(gmt, true) : null)
            ?? (Field("wp:comment_date") is { } local ? ParseDate(local, false) : null);
        return new ImportedComment(
            Field("wp:comment_id"), Truncate(Field("wp:comment_author") ?? "Anonymous", 300), Field("wp:comment_author_email"),
            Field("wp:comment_author_url"), date ?? DateTime.UnixEpoch, content, status,
            Field("wp:comment_parent") is { } parent and not "0" ? parent : null,
            Field("wp:comment_user_id") is { } user and not "0")
        {
            SourceUrl = source,
            Kind = source is null ? CommentKind.Comment : WxrWebmentions.Kind(Field("meta:" + WxrWebmentions.KindMeta)),
        };
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
