using Blog.Web.Caching;
using Blog.Web.Data;
using Blog.Web.Posts;
using Blog.Web.Seo;
using Blog.Web.Settings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Blog.Web.Pages.Posts;

public sealed class PostModel(BlogDbContext db, SiteContext site, TimeProvider clock, PublicationSchedule schedule, IMemoryCache cache)
    : PageModel, IHasPageMetadata
{
    public PostView Post { get; private set; } = default!;

    public PostLink? Previous { get; private set; }

    public PostLink? Next { get; private set; }

    public SiteChrome Chrome { get; private set; } = default!;

    public IReadOnlyList<PostSummary> Related { get; private set; } = [];

    public PageMetadata Metadata => PostMetadata.For(Post);

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var visible = db.Posts.AsNoTracking().VisibleAt(clock.GetUtcNow().UtcDateTime);
        // Split: one joined query would build the whole tag join table before picking this post's tags.
        var post = await visible.BySlug(slug)
            .SelectViews()
            .AsSplitQuery()
            .SingleOrDefaultAsync(cancellationToken);
        if (post is null)
        {
            return NotFound();
        }

        Post = post;
        Chrome = await site.GetAsync(cancellationToken);
        (Previous, Next) = await visible.NeighboursOfAsync(post.Id, post.DisplayDateUtc, cancellationToken);

        // Related posts weigh every post sharing a tag: worth remembering until content changes or a scheduled post goes live.
        Related = await cache.GetOrCreateAsync(("related", post.Id, schedule.CurrentEpoch()), entry =>
        {
            entry.SlidingExpiration = TimeSpan.FromMinutes(30);
            return visible.RelatedToAsync(post, cancellationToken);
        }) ?? [];
        return Page();
    }
}
