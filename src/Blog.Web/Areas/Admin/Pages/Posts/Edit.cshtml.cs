using Blog.Web.Data;
using Blog.Web.Editing;
using Blog.Web.Markdown;
using Blog.Web.Media;
using Blog.Web.Posts;
using Blog.Web.Seo;
using Blog.Web.Settings;
using Blog.Web.Writing;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Areas.Admin.Pages.Posts;

/// <summary>Writes a new post (<c>/admin/posts/new</c>) or edits one (<c>/admin/posts/{id}</c>).</summary>
public sealed class EditModel(BlogDbContext db, MarkdownRenderer renderer, SiteContext site, TimeProvider clock)
    : ContentEditorModel<Post, PostInput>(db, renderer, site, clock), IHasPageMetadata
{
    public IReadOnlyList<string> KnownTags { get; private set; } = [];

    public IReadOnlyList<string> KnownCategories { get; private set; } = [];

    /// <summary>Recent library photos to choose a cover from.</summary>
    public IReadOnlyList<MediaChoice> RecentMedia { get; private set; } = [];

    public PageMetadata Metadata => new(Current is null ? "New post" : $"Edit “{Current.Title}”");

    public override string Section => "posts";

    protected override string Kind => "post";

    protected override IQueryable<Post> Editable => Db.Posts.Include(p => p.Tags).Include(p => p.Category);

    protected override Post CreateNew(DateTime nowUtc) => new(Input.Title, Input.EffectiveSlug, nowUtc);

    protected override PostInput ToInput(Post content) => PostInput.From(content, Dates);

    protected override async Task LoadExtrasAsync(CancellationToken cancellationToken)
    {
        KnownTags = await Db.Tags.OrderBy(t => t.Name).Select(t => t.Name).ToListAsync(cancellationToken);
        KnownCategories = await Db.Categories.OrderBy(c => c.Name).Select(c => c.Name).ToListAsync(cancellationToken);
        RecentMedia = await Db.MediaItems.AsNoTracking().OrderByDescending(m => m.Id).Take(60)
            .Select(m => new MediaChoice(m.Id, m.FileName, m.AltText, new ResponsiveImage(m.Id, m.Width, m.Height, m.AltText).FallbackUrl))
            .ToListAsync(cancellationToken);
    }

    protected override async Task ValidateSlugAsync(string slug, CancellationToken cancellationToken)
    {
        if (await Db.Posts.AnyAsync(p => p.Slug == slug && p.Id != (Id ?? 0), cancellationToken))
        {
            ModelState.AddModelError("Input.Slug", $"Another post already has the address “{slug}”. Choose another.");
        }
    }

    protected override async Task ApplyOwnFieldsAsync(Post post, CancellationToken cancellationToken)
    {
        Input.ApplyPostFieldsTo(post);
        await ApplyCoverAsync(post, cancellationToken);
        await Db.SetTermsAsync(post, Input.Category, Input.TagNames, cancellationToken);
    }

    private async Task ApplyCoverAsync(Post post, CancellationToken cancellationToken)
    {
        var chosen = Input.CoverMediaId is { } mediaId
            ? await Db.MediaItems.AsNoTracking().Where(m => m.Id == mediaId)
                .Select(m => new ResponsiveImage(m.Id, m.Width, m.Height, m.AltText)).SingleOrDefaultAsync(cancellationToken)
            : null;
        var url = chosen?.FallbackUrl ?? Input.CoverUrl;
        var image = chosen ?? (await Db.LoadLibraryImagesAsync(cancellationToken, url)).Find(url);
        post.SetCover(url, Input.CoverAlt ?? image?.Alt, image);
    }
}

/// <summary>A library photo offered as a cover.</summary>
public sealed record MediaChoice(int Id, string FileName, string? AltText, string Url);
