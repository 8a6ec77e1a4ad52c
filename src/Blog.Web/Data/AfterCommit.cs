using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Blog.Web.Data;

/// <summary>
/// Runs an action once what a context saved is visible to other connections: at once when the save was not inside a
/// transaction, or after that transaction commits (never when it rolls back). A background worker woken while its
/// row is still uncommitted would look, find nothing and sleep until its next poll.
/// </summary>
public sealed class AfterCommit : DbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, List<Action>> waiting = new();

    /// <summary>Runs <paramref name="action"/> now, or after the transaction <paramref name="db"/> is in commits.</summary>
    public void Run(DbContext db, Action action)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(action);
        if (db.Database.CurrentTransaction is null)
        {
            action();
            return;
        }

        var actions = waiting.GetOrCreateValue(db);
        lock (actions)
        {
            actions.Add(action);
        }
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => RunWaiting(eventData.Context);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        RunWaiting(eventData.Context);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void RunWaiting(DbContext? db)
    {
        if (db is null || !waiting.TryGetValue(db, out var actions))
        {
            return;
        }

        waiting.Remove(db);
        Action[] due;
        lock (actions)
        {
            due = [.. actions];
        }

        foreach (var action in due)
        {
            action();
        }
    }

    private void Forget(DbContext? db)
    {
        if (db is not null)
        {
            waiting.Remove(db);
        }
    }
}
