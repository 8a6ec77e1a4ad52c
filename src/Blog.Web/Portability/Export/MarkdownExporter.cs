using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Blog.Web.Comments;
using Blog.Web.Data;
using Blog.Web.Posts;
using Blog.Web.Settings;
using Microsoft.EntityFrameworkCore;
using YamlDotNet.Serialization;

namespace Blog.Web.Portability.Export;

/// <summary>
/// Everything the blog holds, as one zip anyone can read: <c>posts/*.md</c> and <c>pages/*.md</c> with YAML front
/// matter (the format other engines import, and ours too), the media originals, and <c>site.json</c> for the rest.
/// Trashed content stays behind.
/// </summary>
public sealed class MarkdownExporter(BlogDbContext db, IEnumerable<IExportedMedia> media)
{
    private static readonly ISerializer Yaml = new SerializerBuilder().Build();

    public async Task WriteAsync(Stream output, CancellationToken cancellationToken)
    {
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        var posts = await db.Posts.AsNoTracking().Include(p => p.Tags).Include(p => p.Category)
            .Where(p => p.DeletedAtUtc == null).OrderBy(p => p.Id).ToListAsync(cancellationToken);
        foreach (var post in posts)
        {
            var meta = Common(post);
            meta["tags"] = post.Tags.Select(t => t.Name).Order(StringComparer.Ordinal).ToList();
            meta["categories"] = post.Category is null ? new List<string>() : [post.Category.Name];
            Optional(meta, "description", post.Excerpt);
            Optional(meta, "cover_image", post.CoverImageUrl);
            Optional(meta, "cover_image_alt", post.CoverImageAlt);
            await AddAsync(zip, $"posts/{post.Slug}.md", Document(meta, post.BodyMarkdown));
        }

        foreach (var page in await db.StaticPages.AsNoTracking().Where(p => p.DeletedAtUtc == null).OrderBy(p => p.Id).ToListAsync(cancellationToken))
        {
            var meta = Common(page);
            meta["menu_order"] = page.MenuOrder;
            meta["show_in_navigation"] = page.ShowInNavigation;
            await AddAsync(zip, $"pages/{page.Slug}.md", Document(meta, page.BodyMarkdown));
        }

        await AddAsync(zip, "site.json", JsonSerializer.Serialize(await SiteDataAsync(cancellationToken), SiteData.Json));
        foreach (var source in media)
        {
            await source.AddOriginalsAsync(zip, cancellationToken);
        }
    }

    private async Task<SiteData> SiteDataAsync(CancellationToken cancellationToken) => new()
    {
        Settings = SettingsData.From(await db.SiteSettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? new SiteSettings()),
        Categories = await db.Categories.AsNoTracking().OrderBy(c => c.Name).Select(c => new TaxonomyData(c.Name, c.Slug, c.Description)).ToListAsync(cancellationToken),
        Tags = await db.Tags.AsNoTracking().OrderBy(t => t.Name).Select(t => new TaxonomyData(t.Name, t.Slug, null)).ToListAsync(cancellationToken),
        Comments = await db.Comments.AsNoTracking().OrderBy(c => c.Id)
            .Select(c => new CommentData(
                c.Post!.Slug, c.OriginalId ?? c.Id.ToString(CultureInfo.InvariantCulture), c.AuthorName, c.AuthorEmail, c.AuthorUrl, c.CreatedAtUtc,
                c.Text, c.Status == CommentStatus.Approved, c.Status.ToString().ToLowerInvariant(),
                c.Parent == null ? null : c.Parent.OriginalId ?? c.Parent.Id.ToString(CultureInfo.InvariantCulture), c.IsOwner, c.Html,
                c.SourceUrl == null ? null : c.Kind.ToString().ToLowerInvariant(), c.SourceUrl))
            .ToListAsync(cancellationToken),
        Redirects = await db.Redirects.AsNoTracking().OrderBy(r => r.Id).Select(r => new RedirectData(r.FromPath, r.ToPath)).ToListAsync(cancellationToken),
    };

    private static Dictionary<string, object> Common(PublishableContent content)
    {
        var meta = new Dictionary<string, object> { ["title"] = content.Title, ["slug"] = content.Slug };
        if (content.PublishedAtUtc is { } date)
        {
            meta["date"] = date.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        }

        meta["draft"] = content.Status == PublishStatus.Draft;
        Optional(meta, "seo_title", content.SeoTitle);
        Optional(meta, "seo_description", content.SeoDescription);
        return meta;
    }

    private static void Optional(Dictionary<string, object> meta, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            meta[key] = value;
        }
    }

    private static string Document(Dictionary<string, object> meta, string body) =>
        $"---\n{Yaml.Serialize(meta)}---\n\n{body}";

    private static async Task AddAsync(ZipArchive zip, string path, string text)
    {
        var entry = zip.CreateEntry(path, CompressionLevel.Optimal);
        await using var stream = await entry.OpenAsync();
        await stream.WriteAsync(Encoding.UTF8.GetBytes(text));
    }
}
