using Blog.Web.Caching;
using Blog.Web.Data;
using Blog.Web.Feeds;
using Blog.Web.Settings;

namespace Blog.Web.Seo;

/// <summary>The files crawlers ask for: <c>/sitemap.xml</c> (an index of <c>/sitemap-N.xml</c> past 50,000 addresses) and <c>/robots.txt</c>.</summary>
public static class SeoFileEndpoints
{
    public static WebApplication MapSeoFiles(this WebApplication app)
    {
        // Crawlers come often and all at once: anonymous ones are answered by the page cache.
        var readers = app.MapGroup("").CacheForReaders();

        readers.MapGet("/sitemap.xml", async (HttpContext context, BlogDbContext db, SiteContext site, TimeProvider clock) =>
        {
            var (entries, address) = await LoadAsync(context, db, site, clock);
            var lastModified = entries.Max(e => e.LastModifiedUtc);
            var body = entries.Count <= Sitemap.MaxEntriesPerFile
                ? Sitemap.WriteUrlSet(entries, address)
                : Sitemap.WriteIndex((int)Math.Ceiling(entries.Count / (double)Sitemap.MaxEntriesPerFile), lastModified, address);
            return XmlResponses.Document(context, body, "application/xml", lastModified);
        });

        readers.MapGet("/sitemap-{number:int}.xml", async (int number, HttpContext context, BlogDbContext db, SiteContext site, TimeProvider clock) =>
        {
            var (entries, address) = await LoadAsync(context, db, site, clock);
            if (entries.Count <= Sitemap.MaxEntriesPerFile || number < 1 || (long)(number - 1) * Sitemap.MaxEntriesPerFile >= entries.Count)
            {
                return Results.NotFound();
            }

            var part = entries.Skip((number - 1) * Sitemap.MaxEntriesPerFile).Take(Sitemap.MaxEntriesPerFile).ToList();
            return XmlResponses.Document(context, Sitemap.WriteUrlSet(part, address), "application/xml", part.Max(e => e.LastModifiedUtc));
        });

        readers.MapGet("/robots.txt", async (HttpContext context, SiteContext site) =>
        {
            var address = SiteAddress.For((await site.GetAsync(context.RequestAborted)).Settings, context.Request);
            return Results.Text($"User-agent: *\nDisallow: {SitePaths.Admin.Root}\n\nSitemap: {address.Absolute(SitePaths.Sitemap)}\n", "text/plain; charset=utf-8");
        });

        return app;
    }

    private static async Task<(List<SitemapEntry> Entries, SiteAddress Address)> LoadAsync(
        HttpContext context, BlogDbContext db, SiteContext site, TimeProvider clock)
    {
        var settings = (await site.GetAsync(context.RequestAborted)).Settings;
        var entries = await Sitemap.LoadEntriesAsync(db, clock.GetUtcNow().UtcDateTime, context.RequestAborted);
        return (entries, SiteAddress.For(settings, context.Request));
    }
}
