using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using Blog.Web.Posts;
using Blog.Web.Seo;
using Blog.Web.Settings;

namespace Blog.Web.Feeds;

public enum FeedFormat
{
    Rss,
    Atom,
}

/// <summary>One post as a feed shows it.</summary>
public sealed record FeedEntry(
    string Title,
    string Slug,
    string BodyHtml,
    string? Excerpt,
    string OpeningText,
    DateTime PublishedAtUtc,
    DateTime UpdatedAtUtc,
    string? Category,
    IReadOnlyList<string> Tags)
{
    public string Summary => TextExcerpt.ExcerptOrOpening(Excerpt, OpeningText);

    /// <summary>When the entry last changed for a reader: an edit, or a scheduled post going live.</summary>
    public DateTime ChangedAtUtc => UpdatedAtUtc > PublishedAtUtc ? UpdatedAtUtc : PublishedAtUtc;
}

/// <summary>What a feed is of: the whole blog, or one tag's or category's posts.</summary>
public sealed record FeedSubject(string Title, string? Description, string PagePath, string RssPath, string AtomPath);

/// <summary>Writes RSS 2.0 and Atom 1.0 documents with System.ServiceModel.Syndication; pure, so it is unit-testable.</summary>
public static class FeedWriter
{
    private const string DublinCore = "http://purl.org/dc/elements/1.1/";

    public static byte[] Write(FeedFormat format, FeedSubject subject, IReadOnlyList<FeedEntry> entries, SiteSettings settings, SiteAddress address)
    {
        var feed = new SyndicationFeed(
            subject.Title,
            subject.Description,
            new Uri(address.Absolute(subject.PagePath)),
            address.Absolute(subject.PagePath),
            entries.Count == 0 ? DateTimeOffset.UnixEpoch : new DateTimeOffset(entries.Max(e => e.ChangedAtUtc), TimeSpan.Zero))
        {
            Language = settings.Language,
            Generator = "Blog.Web",
        };
        var selfPath = format == FeedFormat.Rss ? subject.RssPath : subject.AtomPath;
        feed.Links.Add(SyndicationLink.CreateSelfLink(new Uri(address.Absolute(selfPath)), MediaType(format)));
        feed.Authors.Add(new SyndicationPerson(null, settings.AuthorName, null));
        feed.Items = entries.Select(e => Item(format, e, settings, address)).ToList();

        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            SyndicationFeedFormatter formatter = format == FeedFormat.Rss ? new Rss20FeedFormatter(feed) : new Atom10FeedFormatter(feed);
            formatter.WriteTo(writer);
        }

        return stream.ToArray();
    }

    public static string MediaType(FeedFormat format) =>
        format == FeedFormat.Rss ? "application/rss+xml" : "application/atom+xml";

    private static SyndicationItem Item(FeedFormat format, FeedEntry entry, SiteSettings settings, SiteAddress address)
    {
        var url = address.Post(entry.Slug);
        var item = new SyndicationItem
        {
            Id = url,
            Title = new TextSyndicationContent(entry.Title),
            PublishDate = new DateTimeOffset(entry.PublishedAtUtc, TimeSpan.Zero),
            LastUpdatedTime = new DateTimeOffset(entry.ChangedAtUtc, TimeSpan.Zero),
        };
        item.Links.Add(SyndicationLink.CreateAlternateLink(new Uri(url)));
        foreach (var name in entry.Category is null ? entry.Tags : [entry.Category, .. entry.Tags])
        {
            item.Categories.Add(new SyndicationCategory(name));
        }

        var html = settings.FeedFullContent ? AbsoluteHtml.Rewrite(entry.BodyHtml, address, url) : null;
        if (format == FeedFormat.Rss)
        {
            // RSS has one text element: the whole post when asked for, and readers show <description> as HTML either way.
            item.Summary = html is null ? new TextSyndicationContent(entry.Summary) : new TextSyndicationContent(html, TextSyndicationContentKind.Html);

            // RSS's own <author> must be an email address; readers show dc:creator's name instead.
            item.ElementExtensions.Add("creator", DublinCore, settings.AuthorName);
        }
        else
        {
            item.Summary = new TextSyndicationContent(entry.Summary);
            item.Content = html is null ? null : SyndicationContent.CreateHtmlContent(html);
            item.Authors.Add(new SyndicationPerson(null, settings.AuthorName, null));
        }

        return item;
    }
}
