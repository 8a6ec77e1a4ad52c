using Blog.Web.Settings;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Blog.Web.Data;

/// <summary>
/// Forgets what the site keeps in memory as soon as any save succeeds, wherever in the app it happens: saves are
/// the author's rare actions, so sorting out which of them matter would buy nothing. (Bulk
/// <c>ExecuteUpdate</c>/<c>ExecuteDelete</c> bypass interceptors: code that uses them invalidates by itself.)
/// </summary>
internal sealed class ContentChangeInterceptor(SiteContext siteContext) : SaveChangesInterceptor
{
    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        siteContext.Invalidate();
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        siteContext.Invalidate();
        return ValueTask.FromResult(result);
    }
}
