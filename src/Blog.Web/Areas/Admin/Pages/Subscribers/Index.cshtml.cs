using System.Text;
using Blog.Web.Data;
using Blog.Web.Seo;
using Blog.Web.Subscriptions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Areas.Admin.Pages.Subscribers;

/// <summary>The mailing list: counts by state, search, remove someone entirely, export as CSV.</summary>
public sealed class IndexModel(BlogDbContext db) : PageModel, IHasPageMetadata
{
    public const int Shown = 200;

    public PageMetadata Metadata => new("Subscribers");

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    public IReadOnlyDictionary<SubscriberStatus, int> Counts { get; private set; } = new Dictionary<SubscriberStatus, int>();

    public IReadOnlyList<SubscriberRow> Rows { get; private set; } = [];

    public int Matching { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Counts = await db.Subscribers.GroupBy(s => s.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var query = db.Subscribers.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Search))
        {
            var term = Search.Trim().ToLowerInvariant();
            // The name ignoring case: SQLite's LIKE does (for ASCII); PostgreSQL's does not, its ILIKE does.
            query = db.Database.IsNpgsql()
                ? query.Where(s => s.NormalizedEmail.Contains(term) || (s.Name != null && EF.Functions.ILike(s.Name, "%" + term + "%")))
                : query.Where(s => s.NormalizedEmail.Contains(term) || (s.Name != null && EF.Functions.Like(s.Name, "%" + term + "%")));
        }

        Matching = await query.CountAsync(cancellationToken);
        Rows = await query.OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id).Take(Shown)
            .Select(s => new SubscriberRow(s.Id, s.Email, s.Name, s.Status, s.Choice, s.Source, s.CreatedAt, s.ConfirmedAt, s.ImportedAt))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Removes the subscriber and everything about them but the emails already in the outbox's history.</summary>
    public async Task<IActionResult> OnPostRemoveAsync(int id, CancellationToken cancellationToken)
    {
        var email = await db.Subscribers.Where(s => s.Id == id).Select(s => s.Email).SingleOrDefaultAsync(cancellationToken);
        var removed = await db.Subscribers.Where(s => s.Id == id).ExecuteDeleteAsync(cancellationToken);
        TempData["StatusMessage"] = removed > 0 ? $"Removed {email} from the list." : "That subscriber was already removed.";
        return Redirect(SitePaths.Admin.SubscribersSearch(Search));
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var all = await db.Subscribers.AsNoTracking().OrderBy(s => s.Id).ToListAsync(cancellationToken);
        var csv = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(SubscriberCsv.Write(all))).ToArray();
        return File(csv, "text/csv; charset=utf-8", "subscribers.csv");
    }

    public int Count(SubscriberStatus status) => Counts.TryGetValue(status, out var count) ? count : 0;

    public sealed record SubscriberRow(int Id, string Email, string? Name, SubscriberStatus Status, SubscriptionChoice Choice, SubscriberSource Source,
        DateTime CreatedAt, DateTime? ConfirmedAt, DateTime? ImportedAt);
}
