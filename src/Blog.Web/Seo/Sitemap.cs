using System.Text;
using System.Xml;
using Blog.Web.Data;
using Blog.Web.Posts;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Seo;

/// <summary>One address in the sitemap: a site path and when what it shows last changed.</summary>
public sealed record SitemapEntry(string Path, DateTime? LastModifiedUtc);

/// <summary>What search engines are told exists, following the sitemaps.org protocol.</summary>
public static class Sitemap
{
    public const string Namespace = "http://www.sitemaps.org/schemas/sitemap/0.9";

    /// <summary>The protocol's limit of addresses per file; past it, <c>/sitemap.xml</c> becomes an index of several.</summary>
    public const int MaxEntriesPerFile = 50_000;

    /// <summary>Every address a reader can see now: home, posts, pages, and tags and categories with visible posts.</summary>
    public static async Task<List<SitemapEntry>> LoadEntriesAsync(BlogDbContext db, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var posts = await db.Posts.AsNoTracking().VisibleAt(nowUtc).NewestFirst()
            .Select(p => new { p.Slug, p.UpdatedAtUtc, Published = p.PublishedAtUtc!.Value })
            .ToListAsync(cancellationToken);
        var pages = await db.StaticPages.AsNoTracking().VisibleAt(nowUtc).OrderBy(p => p.MenuOrder).ThenBy(p => p.Slug)
            .Select(p => new { p.Slug, p.UpdatedAtUtc, Published = p.PublishedAtUtc!.Value })
            .ToListAsync(cancellationToken);
        var visible = Visibility.At<Post>(nowUtc);
        var tags = await db.Tags.AsNoTracking()
            .Select(t => new { t.Slug, Last = t.Posts.AsQueryable().Where(visible).Max(p => p.PublishedAtUtc) })
            .Where(t => t.Last != null).OrderBy(t => t.Slug)
            .ToListAsync(cancellationToken);
        var categories = await db.Categories.AsNoTracking()
            .Select(c => new { c.Slug, Last = c.Posts.AsQueryable().Where(visible).Max(p => p.PublishedAtUtc) })
            .Where(c => c.Last != null).OrderBy(c => c.Slug)
            .ToListAsync(cancellationToken);

        var entries = new List<SitemapEntry>(posts.Count + pages.Count + tags.Count + categories.Count + 1)
        {
            new(SitePaths.Home, posts.Count == 0 ? null : posts.Max(p => p.Published)),
        };
        entries.AddRange(posts.Select(p => new SitemapEntry(SitePaths.Post(p.Slug), Later(p.UpdatedAtUtc, p.Published))));
        entries.AddRange(pages.Select(p => new SitemapEntry(SitePaths.Page(p.Slug), Later(p.UpdatedAtUtc, p.Published))));
        entries.AddRange(tags.Select(t => new SitemapEntry(SitePaths.Tag(t.Slug), t.Last)));
        entries.AddRange(categories.Select(c => new SitemapEntry(SitePaths.Category(c.Slug), c.Last)));
        return entries;
    }

    public static byte[] WriteUrlSet(IEnumerable<SitemapEntry> entries, SiteAddress address) =>
        WriteXml("urlset", "url", entries.Select(e => (address.Absolute(e.Path), e.LastModifiedUtc)));

    /// <summary>An index of <paramref name="fileCount"/> sitemap files, <c>/sitemap-1.xml</c> onwards.</summary>
    public static byte[] WriteIndex(int fileCount, DateTime? lastModifiedUtc, SiteAddress address) =>
        WriteXml("sitemapindex", "sitemap", Enumerable.Range(1, fileCount).Select(n => (address.Absolute(SitePaths.SitemapPart(n)), lastModifiedUtc)));

    private static byte[] WriteXml(string root, string element, IEnumerable<(string Location, DateTime? LastModifiedUtc)> items)
    {
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement(root, Namespace);
            foreach (var (location, lastModified) in items)
            {
                xml.WriteStartElement(element, Namespace);
                xml.WriteElementString("loc", Namespace, location); // XmlWriter escapes &, <, > as the protocol asks
                if (lastModified is { } utc)
                {
                    xml.WriteElementString("lastmod", Namespace, StructuredData.W3CDate(utc));
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        return stream.ToArray();
    }

    private static DateTime Later(DateTime a, DateTime b) => a > b ? a : b;
}
