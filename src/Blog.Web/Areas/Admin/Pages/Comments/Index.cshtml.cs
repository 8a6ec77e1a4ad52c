using Blog.Web.Comments;
using Blog.Web.Data;
using Blog.Web.Seo;
using Blog.Web.Settings;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Areas.Admin.Pages.Comments;

/// <summary>The moderation queue: held, approved, spam and trash tabs; one form with a checkbox per comment and a button per action.</summary>
public sealed class IndexModel(BlogDbContext db, SiteContext site, CommentModeration moderation) : PageModel, IHasPageMetadata
{
    private const int PageSize = 50;

    public static readonly IReadOnlyList<(CommentStatus Status, string Label)> Tabs =
        [(CommentStatus.Held, "Held"), (CommentStatus.Approved, "Approved"), (CommentStatus.Spam, "Spam"), (CommentStatus.Trash, "Trash")];

    [BindProperty(SupportsGet = true, Name = "status")]
    public string? StatusName { get; set; }

    [BindProperty]
    public List<int> Ids { get; set; } = [];

    public CommentStatus Status => Enum.TryParse<CommentStatus>(StatusName, ignoreCase: true, out var status) && Enum.IsDefined(status) ? status : CommentStatus.Held;

    public IReadOnlyList<Row> Comments { get; private set; } = [];

    public IReadOnlyDictionary<CommentStatus, int> Counts { get; private set; } = new Dictionary<CommentStatus, int>();

    public BlogDates Dates { get; private set; } = BlogDates.Utc;

    public PageMetadata Metadata => new("Comments");

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Dates = (await site.GetAsync(cancellationToken)).Dates;
        Counts = await db.Comments.GroupBy(c => c.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var status = Status;
        var query = db.Comments.AsNoTracking().Where(c => c.Status == status);
        query = status == CommentStatus.Held ? query.OrderBy(c => c.CreatedAtUtc) : query.OrderByDescending(c => c.CreatedAtUtc);
        var rows = await query.Take(PageSize)
            .Select(c => new Row(c.Id, c.Post!.Title, c.Post.Slug, c.AuthorName, c.AuthorEmail, c.AuthorUrl, c.IsOwner, c.CreatedAtUtc, c.Html, c.Text, c.ParentId, c.Kind, c.SourceUrl))
            .ToListAsync(cancellationToken);
        Comments = [.. rows.Select(r => r.Html.Length > 0 || r.SourceUrl is not null ? r : r with { Html = CommentMarkdown.RenderImported(r.Text) })];
    }

    public async Task<IActionResult> OnPostAsync(string action, CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<ModerationAction>(action, ignoreCase: true, out var chosen) || !Enum.IsDefined(chosen))
        {
            return BadRequest();
        }

        if (Ids.Count == 0)
        {
            TempData["StatusMessage"] = "Tick the comments to act on first.";
            return RedirectToPage(new { status = StatusName });
        }

        var changed = await moderation.ApplyAsync(chosen, Ids, await SiteUrlAsync(cancellationToken), cancellationToken);
        TempData["StatusMessage"] = chosen switch
        {
            ModerationAction.Approve => $"{Plural(changed)} approved.",
            ModerationAction.Hold => $"{Plural(changed)} held.",
            ModerationAction.Spam => $"{Plural(changed)} marked as spam.",
            ModerationAction.Trash => $"{Plural(changed)} moved to the trash.",
            _ => $"{Plural(changed)} deleted for good.",
        };
        return Redirect(SitePaths.Admin.CommentsWithStatus(Status.ToString().ToLowerInvariant()));
    }

    private static string Plural(int count) => count == 1 ? "1 comment" : $"{count} comments";

    public sealed record Row(
        int Id, string PostTitle, string PostSlug, string AuthorName, string? AuthorEmail, string? AuthorUrl, bool IsOwner,
        DateTime CreatedAtUtc, string Html, string Text, int? ParentId, CommentKind Kind, string? SourceUrl);

    private async Task<string> SiteUrlAsync(CancellationToken cancellationToken) =>
        SiteAddress.For((await site.GetAsync(cancellationToken)).Settings, Request).Origin;
}
