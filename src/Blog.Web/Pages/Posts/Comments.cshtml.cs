using Blog.Web.Caching;
using Blog.Web.Comments;
using Blog.Web.Data;
using Blog.Web.Posts;
using Blog.Web.Security;
using Blog.Web.Seo;
using Blog.Web.Settings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Pages.Posts;

/// <summary>
/// A post's comment form on a page of its own (the Reply links without JavaScript lead here), and where every comment
/// form is sent. No antiforgery token: the form sits on pages kept for everyone, so it is protected by the signed form
/// token, the same-site check and the spam rules instead (README, "Comments").
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class CommentsModel(BlogDbContext db, SiteContext site, TimeProvider clock, CommentThreads threads, CommentFormToken tokens, CommentPosting posting)
    : PageModel, IHasPageMetadata
{
    /// <summary>The script asks for a fragment (the new comment, or the errors) instead of a page.</summary>
    public const string FragmentHeader = "X-Comment-Form";

    [BindProperty]
    public CommentInput Input { get; set; } = new();

    public PostView Post { get; private set; } = default!;

    public SiteChrome Chrome { get; private set; } = default!;

    public CommentSection Comments { get; private set; } = default!;

    public PageMetadata Metadata => new($"Comment on {Post.Card.Title}") { NoIndex = true };

    public async Task<IActionResult> OnGetAsync(string slug, int? replyTo, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, replyTo, cancellationToken))
        {
            return NotFound();
        }

        HttpContext.AddPageTag(ReaderPages.Post(Post.Id));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(slug, Input.ParentId, cancellationToken))
        {
            return NotFound();
        }

        if (!SameOriginCheck.IsFromOwnPages(Request, Chrome.Settings.BaseUrl))
        {
            return Refused(StatusCodes.Status403Forbidden, "Comments can only be sent from this blog's own pages.");
        }

        if (!ModelState.IsValid)
        {
            return Refused(StatusCodes.Status400BadRequest, null);
        }

        var address = SiteAddress.For(Chrome.Settings, Request);
        var request = new CommentRequest(
            HttpContext.Connection.RemoteIpAddress?.ToString(), Request.Headers.UserAgent.ToString(), Request.Headers.Referer.ToString(),
            address.Origin, address.Absolute(SitePaths.Post(Post.Card.Slug)), Post.Card.Title);
        var result = await posting.PostAsync(Post.Id, Comments.Open, Input, request, cancellationToken);
        var fragment = Request.Headers.ContainsKey(FragmentHeader);
        return result.Outcome switch
        {
            PostingOutcome.Refused => Refused(result.StatusCode, result.Message),
            PostingOutcome.Shown when fragment => Partial("_Comment", (View(result.Comment!), Chrome.Dates, (string?)null)),
            PostingOutcome.Shown => Redirect(SitePaths.PostComment(Post.Card.Slug, result.Comment!.Id)),
            _ when fragment => Partial("_CommentHeld"),
            _ => Redirect(SitePaths.PostCommentHeld(Post.Card.Slug)),
        };
    }

    /// <summary>The form again, with what the reader wrote, the reason, and a fresh token.</summary>
    private IActionResult Refused(int statusCode, string? message)
    {
        if (message is not null)
        {
            ModelState.AddModelError(string.Empty, message);
        }

        Response.StatusCode = statusCode;
        Response.Headers.CacheControl = "no-store";
        return Request.Headers.ContainsKey(FragmentHeader) ? Partial("_CommentErrors", ModelState) : Page();
    }

    private async Task<bool> LoadAsync(string slug, int? replyTo, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var post = await db.VisibleBySlugAsync(slug, now, cancellationToken);
        if (post is null)
        {
            return false;
        }

        Post = post;
        Chrome = await site.GetAsync(cancellationToken);
        Comments = await CommentSection.LoadAsync(threads, tokens, post, now, replyTo, cancellationToken);
        return true;
    }

    private static CommentView View(Comment comment) =>
        new(comment.Id, comment.AuthorName, comment.AuthorUrl, comment.IsOwner, comment.CreatedAtUtc, comment.Html);
}
