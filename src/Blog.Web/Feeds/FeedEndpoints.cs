using Blog.Web.Caching;
using Blog.Web.Data;
using Blog.Web.Posts;
using Blog.Web.Seo;
using Blog.Web.Settings;
using Blog.Web.Statistics;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Feeds;

/// <summary>
/// RSS 2.0 and Atom 1.0 feeds of the newest posts: the blog's at <c>/feed/rss</c> and <c>/feed/atom</c>, and each
/// tag's and category's under its page (<c>/blog/tag/{slug}/feed/rss</c>).
/// </summary>
public static class FeedEndpoints
{
    public const int EntryCount = 20;

    public const string BlogRssPath = SitePaths.BlogRss;

    public const string BlogAtomPath = SitePaths.BlogAtom;

    public static FeedLink TagFeeds(string name, string slug) =>
        new($"Posts tagged “{name}”", SitePaths.FeedOf(SitePaths.Tag(slug), "rss"), SitePaths.FeedOf(SitePaths.Tag(slug), "atom"));

    public static FeedLink CategoryFeeds(string name, string slug) =>
        new($"Posts in {name}", SitePaths.FeedOf(SitePaths.Category(slug), "rss"), SitePaths.FeedOf(SitePaths.Category(slug), "atom"));

    public static WebApplication MapFeeds(this WebApplication app)
    {
        // Feed readers poll all day: anonymous ones are answered by the page cache.
        var readers = app.MapGroup("").CacheForReaders().WithMetadata(new CountedReadAttribute(ReadKind.Feed));

        readers.MapGet("/feed/{format}", (string format, HttpContext context, BlogDbContext db, SiteContext site, TimeProvider clock) =>
            ServeAsync(format, context, db, site, clock, settings =>
                Task.FromResult<(FeedSubject, Func<IQueryable<Post>, IQueryable<Post>>)?>((
                    new FeedSubject(settings.BlogTitle, settings.Tagline, SitePaths.Home, BlogRssPath, BlogAtomPath), posts => posts))));

        readers.MapGet("/blog/tag/{slug}/feed/{format}", (string slug, string format, HttpContext context, BlogDbContext db, SiteContext site, TimeProvider clock) =>
            ServeAsync(format, context, db, site, clock, async settings =>
            {
                var tag = await db.Tags.AsNoTracking().Where(t => t.Slug == slug).Select(t => new TermLink(t.Name, t.Slug)).SingleOrDefaultAsync(context.RequestAborted);
                if (tag is null)
                {
                    return null;
                }

                var links = TagFeeds(tag.Name, tag.Slug);
                return (new FeedSubject($"{links.Title} · {settings.BlogTitle}", $"Everything written about {tag.Name}.", SitePaths.Tag(tag.Slug), links.RssPath, links.AtomPath),
                    posts => posts.Where(p => p.Tags.Any(t => t.Slug == tag.Slug)));
            }));

        readers.MapGet("/blog/category/{slug}/feed/{format}", (string slug, string format, HttpContext context, BlogDbContext db, SiteContext site, TimeProvider clock) =>
            ServeAsync(format, context, db, site, clock, async settings =>
            {
                var category = await db.Categories.AsNoTracking().Where(c => c.Slug == slug).Select(c => new { c.Id, c.Name, c.Slug, c.Description }).SingleOrDefaultAsync(context.RequestAborted);
                if (category is null)
                {
                    return null;
                }

                var links = CategoryFeeds(category.Name, category.Slug);
                return (new FeedSubject($"{links.Title} · {settings.BlogTitle}", category.Description ?? $"Posts in {category.Name}.", SitePaths.Category(category.Slug), links.RssPath, links.AtomPath),
                    posts => posts.Where(p => p.CategoryId == category.Id));
            }));

        return app;
    }

    /// <summary>Finds what the feed is of (null: nothing, so 404), loads its newest visible posts and writes the feed.</summary>
    private static async Task<IResult> ServeAsync(
        string formatName, HttpContext context, BlogDbContext db, SiteContext site, TimeProvider clock,
        Func<SiteSettings, Task<(FeedSubject Subject, Func<IQueryable<Post>, IQueryable<Post>> Filter)?>> describe)
    {
        FeedFormat? format = formatName switch { "rss" => FeedFormat.Rss, "atom" => FeedFormat.Atom, _ => null };
        var settings = (await site.GetAsync(context.RequestAborted)).Settings;
        if (format is null || await describe(settings) is not { } feed)
        {
            return Results.NotFound();
        }

        var visible = db.Posts.AsNoTracking().VisibleAt(clock.GetUtcNow().UtcDateTime);
        var entries = await feed.Filter(visible)
            .NewestFirst()
            .Take(EntryCount)
            .Select(p => new FeedEntry(
                p.Title, p.Slug, p.BodyHtml, p.Excerpt, p.Opening, p.PublishedAtUtc!.Value, p.UpdatedAtUtc,
                p.Category == null ? null : p.Category.Name,
                p.Tags.OrderBy(t => t.Name).Select(t => t.Name).ToList()))
            .AsSplitQuery() // the tags of these twenty posts, not a join over every post's tags
            .ToListAsync(context.RequestAborted);

        var body = FeedWriter.Write(format.Value, feed.Subject, entries, settings, SiteAddress.For(settings, context.Request));
        return XmlResponses.Document(context, body, FeedWriter.MediaType(format.Value), entries.Count == 0 ? null : entries.Max(e => e.ChangedAtUtc));
    }
}
