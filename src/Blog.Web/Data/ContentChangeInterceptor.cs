using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Blog.Web.Data;

/// <summary>
/// Tells every cache that content changed as soon as any save succeeds, wherever in the app it happens: saves are
/// the author's rare actions, so sorting out which of them matter to which cache would buy nothing. (Bulk
/// <c>ExecuteUpdate</c>/<c>ExecuteDelete</c> bypass interceptors: code that uses them on content calls
/// <see cref="Notify"/> itself.)
/// </summary>
public sealed class ContentChangeInterceptor(IEnumerable<IContentChangeListener> listeners) : SaveChangesInterceptor
{
    public void Notify()
    {
        foreach (var listener in listeners)
        {
            listener.ContentChanged();
        }
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Notify();
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Notify();
        return ValueTask.FromResult(result);
    }
}
