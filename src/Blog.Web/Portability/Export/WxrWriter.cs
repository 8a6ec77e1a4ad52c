using System.Globalization;
using System.Xml;
using Blog.Web.Comments;
using Blog.Web.Data;
using Blog.Web.Posts;
using Blog.Web.Settings;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Portability.Export;

/// <summary>
/// Writes the blog as WXR 1.2, the file WordPress's importer (and Ghost's, and ours) reads: posts and pages with their
/// rendered HTML, dates, slugs, status, excerpts, categories, tags and comments.
/// </summary>
public sealed class WxrWriter(BlogDbContext db)
{
    private const string Wp = "http://wordpress.org/export/1.2/";
    private const string Dc = "http://purl.org/dc/elements/1.1/";
    private const string Content = "http://purl.org/rss/1.0/modules/content/";
    private const string Excerpt = "http://wordpress.org/export/1.2/excerpt/";

    public async Task WriteAsync(Stream output, string siteUrl, CancellationToken cancellationToken)
    {
        var settings = await db.SiteSettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? new SiteSettings();
        var dates = BlogDates.For(settings);
        var posts = await db.Posts.AsNoTracking().Include(p => p.Tags).Include(p => p.Category).Where(p => p.DeletedAtUtc == null).OrderBy(p => p.Id).ToListAsync(cancellationToken);
        var pages = await db.StaticPages.AsNoTracking().Where(p => p.DeletedAtUtc == null).OrderBy(p => p.Id).ToListAsync(cancellationToken);
        var comments = (await db.Comments.AsNoTracking().Include(c => c.Parent).OrderBy(c => c.Id).ToListAsync(cancellationToken)).ToLookup(c => c.PostId);
        var categories = await db.Categories.AsNoTracking().OrderBy(c => c.Id).ToListAsync(cancellationToken);
        var tags = await db.Tags.AsNoTracking().OrderBy(t => t.Id).ToListAsync(cancellationToken);

        await using var xml = XmlWriter.Create(output, new XmlWriterSettings { Async = true, Indent = true, Encoding = new System.Text.UTF8Encoding(false) });
        await xml.WriteStartDocumentAsync();
        xml.WriteStartElement("rss");
        xml.WriteAttributeString("version", "2.0");
        foreach (var (prefix, ns) in new[] { ("excerpt", Excerpt), ("content", Content), ("wfw", "http://wellformedweb.org/CommentAPI/"), ("dc", Dc), ("wp", Wp) })
        {
            xml.WriteAttributeString("xmlns", prefix, null, ns);
        }

        xml.WriteStartElement("channel");
        xml.WriteElementString("title", settings.BlogTitle);
        xml.WriteElementString("link", siteUrl);
        xml.WriteElementString("description", settings.Tagline ?? "");
        xml.WriteElementString("language", settings.Language);
        xml.WriteElementString("wxr_version", Wp, "1.2");
        xml.WriteElementString("base_site_url", Wp, siteUrl);
        xml.WriteElementString("base_blog_url", Wp, siteUrl);
        WriteAuthor(xml, settings.AuthorName);
        foreach (var category in categories)
        {
            xml.WriteStartElement("category", Wp);
            xml.WriteElementString("term_id", Wp, Number(category.Id));
            xml.WriteElementString("category_nicename", Wp, category.Slug);
            xml.WriteElementString("category_parent", Wp, "");
            xml.WriteElementString("cat_name", Wp, category.Name);
            xml.WriteElementString("category_description", Wp, category.Description ?? "");
            xml.WriteEndElement();
        }

        foreach (var tag in tags)
        {
            xml.WriteStartElement("tag", Wp);
            xml.WriteElementString("term_id", Wp, Number(tag.Id));
            xml.WriteElementString("tag_slug", Wp, tag.Slug);
            xml.WriteElementString("tag_name", Wp, tag.Name);
            xml.WriteEndElement();
        }

        foreach (var post in posts)
        {
            WriteItem(xml, post, "post", siteUrl, dates, post.Excerpt, comments[post.Id]);
            foreach (var category in post.Category is null ? [] : new[] { post.Category })
            {
                Term(xml, "category", category.Slug, category.Name);
            }

            foreach (var tag in post.Tags)
            {
                Term(xml, "post_tag", tag.Slug, tag.Name);
            }

            xml.WriteEndElement();
        }

        foreach (var page in pages)
        {
            WriteItem(xml, page, "page", siteUrl, dates, null, []);
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndElement();
        await xml.WriteEndDocumentAsync();
    }

    /// <summary>Writes an item's fields and leaves it open for its terms.</summary>
    private static void WriteItem(XmlWriter xml, PublishableContent content, string type, string siteUrl, BlogDates dates, string? excerpt, IEnumerable<Comment> comments)
    {
        var link = siteUrl.TrimEnd('/') + Redirects.AddressOf(content);
        var date = content.PublishedAtUtc ?? content.CreatedAtUtc;
        xml.WriteStartElement("item");
        xml.WriteElementString("title", content.Title);
        xml.WriteElementString("link", link);
        xml.WriteElementString("pubDate", date.ToString("R", CultureInfo.InvariantCulture));
        xml.WriteElementString("creator", Dc, "author");
        xml.WriteStartElement("guid");
        xml.WriteAttributeString("isPermaLink", "false");
        xml.WriteString($"{siteUrl.TrimEnd('/')}/?{type}={content.Id}");
        xml.WriteEndElement();
        xml.WriteElementString("description", "");
        xml.WriteElementString("encoded", Content, content.BodyHtml);
        xml.WriteElementString("encoded", Excerpt, excerpt ?? "");
        xml.WriteElementString("post_id", Wp, Number(content.Id));
        xml.WriteElementString("post_date", Wp, dates.ToLocal(date).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        xml.WriteElementString("post_date_gmt", Wp, content.PublishedAtUtc is { } at ? at.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "0000-00-00 00:00:00");
        xml.WriteElementString("comment_status", Wp, "closed");
        xml.WriteElementString("ping_status", Wp, "closed");
        xml.WriteElementString("post_name", Wp, content.Slug);
        xml.WriteElementString("status", Wp, content.Status switch { PublishStatus.Published => "publish", PublishStatus.Scheduled => "future", _ => "draft" });
        xml.WriteElementString("post_parent", Wp, "0");
        xml.WriteElementString("menu_order", Wp, Number((content as StaticPages.StaticPage)?.MenuOrder ?? 0));
        xml.WriteElementString("post_type", Wp, type);
        xml.WriteElementString("post_password", Wp, "");
        xml.WriteElementString("is_sticky", Wp, "0");
        foreach (var comment in comments)
        {
            xml.WriteStartElement("comment", Wp);
            xml.WriteElementString("comment_id", Wp, ExportedId(comment));
            xml.WriteElementString("comment_author", Wp, comment.AuthorName);
            xml.WriteElementString("comment_author_email", Wp, comment.AuthorEmail ?? "");
            xml.WriteElementString("comment_author_url", Wp, comment.AuthorUrl ?? "");
            xml.WriteElementString("comment_date", Wp, dates.ToLocal(comment.CreatedAtUtc).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
            xml.WriteElementString("comment_date_gmt", Wp, comment.CreatedAtUtc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
            // What readers saw (WordPress keeps comments as HTML); importing it back sanitizes it again.
            xml.WriteElementString("comment_content", Wp, comment.Html.Length > 0 ? comment.Html : comment.Text);
            xml.WriteElementString("comment_approved", Wp, comment.Status switch
            {
                CommentStatus.Approved => "1",
                CommentStatus.Spam => "spam",
                CommentStatus.Trash => "trash",
                _ => "0",
            });
            // A webmention as WordPress's Webmention plugin keeps one: its type, and its source and kind as comment meta.
            xml.WriteElementString("comment_type", Wp, comment.SourceUrl is null ? "comment" : WxrWebmentions.CommentType);
            xml.WriteElementString("comment_parent", Wp, comment.Parent is { } parent ? ExportedId(parent) : "0");
            xml.WriteElementString("comment_user_id", Wp, comment.IsOwner ? "1" : "0");
            if (comment.SourceUrl is { } source)
            {
                CommentMeta(xml, WxrWebmentions.SourceMeta, source);
                CommentMeta(xml, WxrWebmentions.KindMeta, WxrWebmentions.KindName(comment.Kind));
            }

            xml.WriteEndElement();
        }
    }

    private static void CommentMeta(XmlWriter xml, string key, string value)
    {
        xml.WriteStartElement("commentmeta", Wp);
        xml.WriteElementString("meta_key", Wp, key);
        xml.WriteElementString("meta_value", Wp, value);
        xml.WriteEndElement();
    }

    private static void WriteAuthor(XmlWriter xml, string name)
    {
        xml.WriteStartElement("author", Wp);
        xml.WriteElementString("author_id", Wp, "1");
        xml.WriteElementString("author_login", Wp, "author");
        xml.WriteElementString("author_display_name", Wp, name);
        xml.WriteEndElement();
    }

    private static void Term(XmlWriter xml, string domain, string slug, string name)
    {
        xml.WriteStartElement("category");
        xml.WriteAttributeString("domain", domain);
        xml.WriteAttributeString("nicename", slug);
        xml.WriteString(name);
        xml.WriteEndElement();
    }

    private static string ExportedId(Comment comment) => comment.OriginalId ?? Number(comment.Id);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
