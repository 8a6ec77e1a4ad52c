using Blog.Web.Data;
using Blog.Web.Posts;
using Blog.Web.Seo;
using Blog.Web.Settings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Pages.Posts;

public sealed class PostModel(BlogDbContext db, SiteContext site, TimeProvider clock) : PageModel, IHasPageMetadata
{
    public PostView Post { get; private set; } = default!;

    public PostLink? Previous { get; private set; }

    public PostLink? Next { get; private set; }

    public SiteChrome Chrome { get; private set; } = default!;

    public PageMetadata Metadata => new(Post.SeoTitle ?? Post.Title, Post.SeoDescription ?? Post.Summary);

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var visible = db.Posts.AsNoTracking().VisibleAt(clock.GetUtcNow().UtcDateTime);
        var post = await visible.BySlug(slug)
            .Select(p => new PostView(
                p.Id,
                p.Title,
                p.Slug,
                p.BodyHtml,
                TextExcerpt.ExcerptOrOpening(p.Excerpt, p.BodyText.Substring(0, 600)),
                p.CoverImageUrl,
                p.CoverImageAlt,
                p.WordCount,
                p.PublishedAtUtc!.Value,
                p.UpdatedAtUtc,
                p.SeoTitle,
                p.SeoDescription,
                p.Category == null ? null : new TermLink(p.Category.Name, p.Category.Slug),
                p.Tags.OrderBy(t => t.Name).Select(t => new TermLink(t.Name, t.Slug)).ToList()))
            .SingleOrDefaultAsync(cancellationToken);
        if (post is null)
        {
            return NotFound();
        }

        Post = post;
        Chrome = await site.GetAsync(cancellationToken);
        (Previous, Next) = await visible.NeighboursOfAsync(post.Id, post.PublishedAtUtc, cancellationToken);
        return Page();
    }
}

/// <summary>What the post page shows.</summary>
public sealed record PostView(
    int Id,
    string Title,
    string Slug,
    string BodyHtml,
    string Summary,
    string? CoverImageUrl,
    string? CoverImageAlt,
    int WordCount,
    DateTime PublishedAtUtc,
    DateTime UpdatedAtUtc,
    string? SeoTitle,
    string? SeoDescription,
    TermLink? Category,
    IReadOnlyList<TermLink> Tags)
{
    public int ReadingMinutes => ReadingTime.Minutes(WordCount);
}
