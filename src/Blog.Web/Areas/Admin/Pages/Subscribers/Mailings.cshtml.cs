using Blog.Web.Data;
using Blog.Web.Mail;
using Blog.Web.Seo;
using Blog.Web.Subscriptions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Areas.Admin.Pages.Subscribers;

/// <summary>Each send of a post or digest and what became of its emails; "send again" for a post, on purpose only.</summary>
public sealed class MailingsModel(BlogDbContext db, MailingSignal signal, TimeProvider clock) : PageModel, IHasPageMetadata
{
    public PageMetadata Metadata => new("Mailings");

    public IReadOnlyList<MailingRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var mailings = await db.Mailings.AsNoTracking().OrderByDescending(m => m.Id).Take(50).ToListAsync(cancellationToken);
        var postIds = mailings.Where(m => m.PostId is not null).Select(m => m.PostId!.Value).ToList();
        var titles = await db.Posts.AsNoTracking().Where(p => postIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Title, cancellationToken);
        var rows = new List<MailingRow>();
        foreach (var mailing in mailings)
        {
            var prefix = mailing.EmailKeyPrefix;
            var outcomes = await db.OutboxMessages.AsNoTracking().Where(m => m.IdempotencyKey.StartsWith(prefix))
                .GroupBy(m => new { m.Status, Refused = m.ServerStatusCode >= 500, Retried = m.Attempts > 0 })
                .Select(g => new { g.Key.Status, g.Key.Refused, g.Key.Retried, Count = g.Count() }).ToListAsync(cancellationToken);
            int Sum(Func<OutboxStatus, bool, bool, bool> which) => outcomes.Where(o => which(o.Status, o.Refused, o.Retried)).Sum(o => o.Count);
            var title = mailing.Kind == MailingKind.Digest
                ? $"Weekly digest of {mailing.WeekStart!.Value.AddDays(-7):yyyy-MM-dd}"
                : mailing.PostId is { } id && titles.TryGetValue(id, out var t) ? t : "(a deleted post)";
            rows.Add(new MailingRow(mailing.Id, mailing.Kind, title, mailing.State, mailing.Round, mailing.Enqueued, mailing.CreatedAt, mailing.FinishedAt,
                Delivered: Sum((s, _, _) => s == OutboxStatus.Sent),
                Waiting: Sum((s, _, retried) => s == OutboxStatus.Sending || (s == OutboxStatus.Pending && !retried)),
                Deferred: Sum((s, _, retried) => s == OutboxStatus.Pending && retried),
                Refused: Sum((s, refused, _) => s == OutboxStatus.Failed && refused),
                Failed: Sum((s, refused, _) => s == OutboxStatus.Failed && !refused)));
        }

        Rows = rows;
    }

    /// <summary>Sends a post again to everyone confirmed now, as a new round with keys of its own.</summary>
    public async Task<IActionResult> OnPostSendAgainAsync(int id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var changed = await db.Mailings.Where(m => m.Id == id && m.Kind == MailingKind.Post && (m.State == MailingState.Enqueued || m.State == MailingState.Cancelled))
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.State, MailingState.Waiting).SetProperty(m => m.Round, m => m.State == MailingState.Cancelled && m.StartedAt == null ? m.Round : m.Round + 1)
                .SetProperty(m => m.LastSubscriberId, 0).SetProperty(m => m.Enqueued, 0).SetProperty(m => m.StartedAt, (DateTime?)null)
                .SetProperty(m => m.FinishedAt, (DateTime?)null).SetProperty(m => m.CreatedAt, now), cancellationToken);
        if (changed > 0)
        {
            signal.Wake();
        }

        TempData["StatusMessage"] = changed > 0 ? "The post goes out again to every confirmed subscriber." : "That mailing is still going out; nothing changed.";
        return Redirect(SitePaths.Admin.Mailings);
    }

    public sealed record MailingRow(int Id, MailingKind Kind, string Title, MailingState State, int Round, int Enqueued, DateTime CreatedAt, DateTime? FinishedAt,
        int Delivered, int Waiting, int Deferred, int Refused, int Failed);
}
