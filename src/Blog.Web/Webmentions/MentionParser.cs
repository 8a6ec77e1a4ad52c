using System.Globalization;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Blog.Web.Comments;

namespace Blog.Web.Webmentions;

/// <summary>What a verified source says about the target: who wrote it, what it says, and what kind of response it is.</summary>
public sealed record ParsedMention(CommentKind Kind, string AuthorName, string? AuthorUrl, string Text, DateTime? PublishedUtc);

/// <summary>
/// Reads a source page for a webmention: does it link to the target (after resolving relative addresses), and, from
/// its microformats2 (the <c>h-entry</c> holding the link), who wrote it and whether it is a reply, a like, a repost or
/// a mention. A page without microformats is a mention under its title. Pure: no network, thread-safe.
/// </summary>
public static class MentionParser
{
    private static readonly HtmlParser Parser = new(new HtmlParserOptions { IsScripting = false });

    /// <summary>Null when the source does not link to <paramref name="target"/>; otherwise what the page says.</summary>
    public static ParsedMention? Parse(string body, string mediaType, Uri source, Uri target, int maxText)
    {
        if (mediaType != "text/html")
        {
            // Plain text: the link is the address written out.
            return body.Contains(target.AbsoluteUri, StringComparison.OrdinalIgnoreCase) || body.Contains(target.OriginalString, StringComparison.Ordinal)
                ? new ParsedMention(CommentKind.Mention, source.Host, null, Truncate(body.Trim(), maxText), null)
                : null;
        }

        var document = Parser.ParseDocument(body);
        var baseUri = document.QuerySelector("base[href]")?.GetAttribute("href") is { } b && Uri.TryCreate(source, b, out var declared) ? declared : source;
        var link = document.QuerySelectorAll("a[href], area[href], link[href], img[src], video[src], audio[src]")
            .FirstOrDefault(e => Same(Resolve(baseUri, e.GetAttribute("href") ?? e.GetAttribute("src")), target));
        if (link is null)
        {
            return null;
        }

        var entry = link.Ancestors<IElement>().FirstOrDefault(e => e.ClassList.Contains("h-entry"))
            ?? document.QuerySelectorAll(".h-entry").FirstOrDefault(e => !e.Ancestors<IElement>().Any(a => a.ClassList.Contains("h-entry")));
        var title = Squash(document.Title ?? "");
        if (entry is null)
        {
            return new ParsedMention(CommentKind.Mention, source.Host, null, Truncate(title, maxText), null);
        }

        var kind = KindOf(entry, baseUri, target);
        var (name, url) = AuthorOf(entry, document, baseUri);
        var content = Squash(Property(entry, "e-content")?.TextContent
            ?? Property(entry, "p-summary")?.TextContent ?? Property(entry, "p-name")?.TextContent ?? title);
        return new ParsedMention(kind, name is { Length: > 0 } ? Truncate(name, Comment.MaxNameLength) : source.Host,
            url, kind is CommentKind.Like or CommentKind.Repost ? "" : Truncate(content, maxText), PublishedOf(entry));
    }

    /// <summary>Two addresses the same for a webmention: scheme and host without case, no fragment, a trailing slash optional.</summary>
    public static bool Same(Uri? a, Uri? b) => a is not null && b is not null && Key(a) == Key(b);

    public static Uri? Resolve(Uri baseUri, string? href) =>
        href is null || !Uri.TryCreate(baseUri, href.Trim(), out var uri) || uri.Scheme is not ("http" or "https") ? null : uri;

    private static string Key(Uri uri) => uri.GetLeftPart(UriPartial.Path).TrimEnd('/') + uri.Query;

    private static CommentKind KindOf(IElement entry, Uri baseUri, Uri target)
    {
        foreach (var (property, kind) in new[] { ("u-in-reply-to", CommentKind.Reply), ("u-like-of", CommentKind.Like), ("u-repost-of", CommentKind.Repost) })
        {
            var points = Properties(entry, property).Any(e =>
                Same(Resolve(baseUri, e.GetAttribute("href") ?? e.GetAttribute("src")), target)
                || e.QuerySelectorAll("[href]").Any(a => Same(Resolve(baseUri, a.GetAttribute("href")), target))
                || Same(Resolve(baseUri, e.TextContent.Trim()), target));
            if (points)
            {
                return kind;
            }
        }

        return CommentKind.Mention;
    }

    private static (string? Name, string? Url) AuthorOf(IElement entry, IDocument document, Uri baseUri)
    {
        var author = Property(entry, "p-author")
            ?? document.QuerySelectorAll(".h-card").FirstOrDefault(e => !e.Ancestors<IElement>().Any(a => a.ClassList.Contains("h-entry")));
        if (author is null)
        {
            return (null, null);
        }

        if (!author.ClassList.Contains("h-card"))
        {
            var href = author.GetAttribute("href");
            return (Squash(author.TextContent), href is null ? null : Resolve(baseUri, href)?.AbsoluteUri);
        }

        var name = Property(author, "p-name")?.TextContent ?? (author.QuerySelector(".u-photo") is { } photo && author.TextContent.Trim().Length == 0 ? photo.GetAttribute("alt") : author.TextContent);
        var url = (Property(author, "u-url") ?? (author.HasAttribute("href") ? author : null))?.GetAttribute("href");
        return (Squash(name ?? ""), url is null ? null : Resolve(baseUri, url)?.AbsoluteUri);
    }

    private static DateTime? PublishedOf(IElement entry)
    {
        var published = Property(entry, "dt-published");
        var value = published?.GetAttribute("datetime") ?? published?.GetAttribute("value") ?? published?.TextContent;
        return DateTimeOffset.TryParse(value?.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date.UtcDateTime : null;
    }

    /// <summary>The first element with this class inside <paramref name="root"/> that is not inside a nested h-* item.</summary>
    private static IElement? Property(IElement root, string name) => Properties(root, name).FirstOrDefault();

    private static IEnumerable<IElement> Properties(IElement root, string name) =>
        root.QuerySelectorAll("." + name).Where(e => !e.Ancestors<IElement>().TakeWhile(a => a != root).Any(IsNestedItem));

    private static bool IsNestedItem(IElement element) => element.ClassList.Any(c => c.StartsWith("h-", StringComparison.Ordinal));

    private static string Squash(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max].TrimEnd() + "…";
}
