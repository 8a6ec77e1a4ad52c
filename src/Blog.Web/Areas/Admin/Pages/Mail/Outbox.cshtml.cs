using Blog.Web.Data;
using Blog.Web.Mail;
using Blog.Web.Seo;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Areas.Admin.Pages.Mail;

/// <summary>The outbox: the newest emails with their state, and "retry now" for those that failed.</summary>
public sealed class OutboxModel(BlogDbContext db, SmtpServers servers, OutboxSignal signal, TimeProvider clock) : PageModel, IHasPageMetadata
{
    public const int Shown = 100;

    public PageMetadata Metadata => new("Outbox");

    public IReadOnlyList<OutboxRow> Messages { get; private set; } = [];

    public IReadOnlyDictionary<OutboxStatus, int> Counts { get; private set; } = new Dictionary<OutboxStatus, int>();

    public bool ServerConfigured { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        ServerConfigured = await servers.FindAsync(db, cancellationToken) is not null;
        Counts = await db.OutboxMessages.GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        Messages = await db.OutboxMessages.AsNoTracking().OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Take(Shown)
            .Select(m => new OutboxRow(m.Id, m.CreatedAt, m.ToAddress, m.Subject, m.Purpose, m.Status, m.Attempts, m.NextAttemptAt, m.SentAt, m.LastError, m.ServerStatusCode))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Puts a failed email back in the queue with a fresh set of attempts.</summary>
    public async Task<IActionResult> OnPostRetryAsync(int id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var changed = await db.OutboxMessages.Where(m => m.Id == id && m.Status == OutboxStatus.Failed)
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.Status, OutboxStatus.Pending).SetProperty(m => m.Attempts, 0)
                .SetProperty(m => m.NextAttemptAt, now), cancellationToken);
        if (changed > 0)
        {
            signal.Wake();
        }

        TempData["StatusMessage"] = changed > 0 ? "The email is queued again and goes out now." : "That email is not a failed one (any more): nothing to retry.";
        return RedirectToPage();
    }

    public int Count(OutboxStatus status) => Counts.TryGetValue(status, out var count) ? count : 0;

    public sealed record OutboxRow(int Id, DateTime CreatedAt, string To, string Subject, string Purpose, OutboxStatus Status, int Attempts,
        DateTime NextAttemptAt, DateTime? SentAt, string? LastError, int? ServerStatusCode);
}
