using Blog.Web.Data;
using Blog.Web.Pages.Posts;
using Blog.Web.Posts;
using Blog.Web.Seo;
using Blog.Web.Settings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Areas.Admin.Pages.Posts;

/// <summary>A post as readers will see it, draft or not: only the owner can open it.</summary>
public sealed class PreviewModel(BlogDbContext db, SiteContext site) : PageModel, IHasPageMetadata
{
    public PostView Post { get; private set; } = default!;

    public SiteChrome Chrome { get; private set; } = default!;

    public PageMetadata Metadata => new($"Preview: {Post.Card.Title}");

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var post = await db.Posts.AsNoTracking().Where(p => p.Id == id).SelectViews().AsSplitQuery().SingleOrDefaultAsync(cancellationToken);
        if (post is null)
        {
            return NotFound();
        }

        Post = post;
        Chrome = await site.GetAsync(cancellationToken);
        return Page();
    }
}
