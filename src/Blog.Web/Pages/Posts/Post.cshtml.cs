using Blog.Web.Caching;
using Blog.Web.Comments;
using Blog.Web.Data;
using Blog.Web.Posts;
using Blog.Web.Seo;
using Blog.Web.Settings;
using Blog.Web.Statistics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Pages.Posts;

[CountedRead(ReadKind.Post)]
public sealed class PostModel(BlogDbContext db, SiteContext site, TimeProvider clock, ReadCache reads, CommentThreads comments, CommentFormToken tokens) : PageModel, IHasPageMetadata
{
    public PostView Post { get; private set; } = default!;

    public PostLink? Previous { get; private set; }

    public PostLink? Next { get; private set; }

    public SiteChrome Chrome { get; private set; } = default!;

    public IReadOnlyList<PostSummary> Related { get; private set; } = [];

    public CommentSection Comments { get; private set; } = default!;

    /// <summary>The Webmention endpoint's absolute address, when this post takes webmentions.</summary>
    public string? WebmentionEndpoint { get; private set; }

    public PageMetadata Metadata => PostMetadata.For(Post);

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var read = await reads.GetOrLoadAsync(new ReadKey("post", slug), LoadAsync, PostRead.SizeOf, cancellationToken);
        if (read is null)
        {
            return NotFound();
        }

        (Post, Previous, Next, Related) = read;
        Chrome = await site.GetAsync(cancellationToken);

        // Comments are read apart from the post (they change without the post changing) and tag the kept page, so an
        // approved comment evicts this page alone.
        HttpContext.AddPageTag(ReaderPages.Post(Post.Id));
        Comments = await CommentSection.LoadAsync(comments, tokens, Post, clock.GetUtcNow().UtcDateTime, null, cancellationToken);
        if (Comments.TakesWebmentions)
        {
            // Kept with the page: the page cache stores the response's headers with its bytes.
            WebmentionEndpoint = SiteAddress.For(Chrome.Settings, Request).Absolute(SitePaths.Webmention);
            Response.Headers.Append("Link", $"<{WebmentionEndpoint}>; rel=\"webmention\"");
        }

        return Page();

        async Task<PostRead?> LoadAsync(CancellationToken cancellation)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var post = await db.VisibleBySlugAsync(slug, now, cancellation);
            if (post is null)
            {
                return null;
            }

            var (previous, next) = await db.NeighboursOfAsync(now, post.Id, post.DisplayDateUtc, cancellation);
            var related = await db.RelatedToAsync(post, now, cancellation);
            return new PostRead(post, previous, next, related);
        }
    }

    /// <summary>Everything the page shows of the post and around it, read together and kept together.</summary>
    private sealed record PostRead(PostView Post, PostLink? Previous, PostLink? Next, IReadOnlyList<PostSummary> Related)
    {
        public static long SizeOf(PostRead? read) =>
            read is null ? 64 : 2L * (read.Post.BodyHtml.Length + read.Post.Card.Summary.Length + read.Related.Sum(r => r.OpeningText.Length)) + 2048;
    }
}
