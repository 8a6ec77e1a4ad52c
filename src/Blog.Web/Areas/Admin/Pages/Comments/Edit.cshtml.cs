using System.ComponentModel.DataAnnotations;
using Blog.Web.Comments;
using Blog.Web.Data;
using Blog.Web.Seo;
using Blog.Web.Settings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Areas.Admin.Pages.Comments;

/// <summary>One comment: change what it says, move it between states, or answer it as the author.</summary>
public sealed class EditModel(BlogDbContext db, SiteContext site, CommentModeration moderation) : PageModel, IHasPageMetadata
{
    // Bound by each handler from its own form, so one form's empty fields never fail the other's validation.
    public EditInput Input { get; set; } = new();

    public ReplyInput Reply { get; set; } = new();

    public Comment Comment { get; private set; } = default!;

    public string PostTitle { get; private set; } = "";

    public string PostSlug { get; private set; } = "";

    public BlogDates Dates { get; private set; } = BlogDates.Utc;

    public PageMetadata Metadata => new($"Comment by {Comment.AuthorName}");

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Input = new EditInput { Name = Comment.AuthorName, Email = Comment.AuthorEmail, Website = Comment.AuthorUrl, Text = Comment.Text };
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(int id, [Bind(Prefix = "Input")] EditInput input, CancellationToken cancellationToken)
    {
        Input = input;
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        await moderation.EditAsync(id, Input.Name, Input.Email, Input.Website, Input.Text, cancellationToken);
        TempData["StatusMessage"] = "Comment saved.";
        return Redirect(SitePaths.Admin.Comment(id));
    }

    public async Task<IActionResult> OnPostReplyAsync(int id, [Bind(Prefix = "Reply")] ReplyInput reply, CancellationToken cancellationToken)
    {
        Reply = reply;
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            Input = new EditInput { Name = Comment.AuthorName, Email = Comment.AuthorEmail, Website = Comment.AuthorUrl, Text = Comment.Text };
            return Page();
        }

        var published = await moderation.ReplyAsync(id, Reply.Text, await SiteUrlAsync(cancellationToken), cancellationToken);
        TempData["StatusMessage"] = "Your reply is published (and the comment it answers is approved).";
        return Redirect(SitePaths.Admin.Comment(published!.Id));
    }

    public async Task<IActionResult> OnPostMoveAsync(int id, string action, CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<ModerationAction>(action, ignoreCase: true, out var chosen) || !Enum.IsDefined(chosen))
        {
            return BadRequest();
        }

        var status = await db.Comments.Where(c => c.Id == id).Select(c => (CommentStatus?)c.Status).SingleOrDefaultAsync(cancellationToken);
        if (status is null || await moderation.ApplyAsync(chosen, [id], await SiteUrlAsync(cancellationToken), cancellationToken) == 0)
        {
            return NotFound();
        }

        TempData["StatusMessage"] = chosen == ModerationAction.Delete ? "Comment deleted for good." : $"Comment moved to {chosen switch
        {
            ModerationAction.Approve => "approved",
            ModerationAction.Hold => "held",
            ModerationAction.Spam => "spam",
            _ => "the trash",
        }}.";
        return Redirect(chosen == ModerationAction.Delete ? SitePaths.Admin.CommentsWithStatus(status.Value.ToString().ToLowerInvariant()) : SitePaths.Admin.Comment(id));
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var found = await db.Comments.AsNoTracking().Where(c => c.Id == id)
            .Select(c => new { Comment = c, c.Post!.Title, c.Post.Slug }).SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return false;
        }

        (Comment, PostTitle, PostSlug) = (found.Comment, found.Title, found.Slug);
        if (Comment.Html.Length == 0)
        {
            Comment.Html = CommentMarkdown.RenderImported(Comment.Text);
        }

        Dates = (await site.GetAsync(cancellationToken)).Dates;
        return true;
    }

    public sealed class EditInput
    {
        [Required, StringLength(Blog.Web.Comments.Comment.MaxNameLength)]
        public string Name { get; set; } = "";

        [EmailAddress, StringLength(Blog.Web.Comments.Comment.MaxEmailLength)]
        public string? Email { get; set; }

        [StringLength(Blog.Web.Comments.Comment.MaxUrlLength)]
        public string? Website { get; set; }

        [Required(ErrorMessage = "A comment needs some text."), StringLength(Blog.Web.Comments.Comment.MaxTextLength)]
        public string Text { get; set; } = "";
    }

    public sealed class ReplyInput
    {
        [Required(ErrorMessage = "Write your reply first."), StringLength(Blog.Web.Comments.Comment.MaxTextLength)]
        public string Text { get; set; } = "";
    }

    private async Task<string> SiteUrlAsync(CancellationToken cancellationToken) =>
        SiteAddress.For((await site.GetAsync(cancellationToken)).Settings, Request).Origin;
}
