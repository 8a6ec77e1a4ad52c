using Blog.Web.Data;
using Blog.Web.Posts;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Caching;

/// <summary>
/// Knows when the next scheduled posts and pages go live, so cached pages change the moment one does. The
/// "epoch" it gives is part of every cached page's key: it moves on each time a scheduled publish time passes
/// (by the app's <see cref="TimeProvider"/>), so a stale copy is never served and nothing has to be evicted on time.
/// </summary>
public sealed class PublicationSchedule(IServiceScopeFactory scopes, TimeProvider clock) : IContentChangeListener
{
    private volatile Snapshot? snapshot;

    /// <summary>Changes whenever content is saved or a scheduled item goes live.</summary>
    public string CurrentEpoch()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var current = snapshot ?? Load(now);
        var passed = current.Upcoming.BinarySearch(now);
        passed = passed >= 0 ? passed + 1 : ~passed;
        return $"{StartStamp}.{current.Generation}.{passed}";
    }

    public void ContentChanged() => snapshot = null;

    private Snapshot Load(DateTime nowUtc)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BlogDbContext>();
        var posts = db.Posts.AsNoTracking().ScheduledAfter(nowUtc).Select(p => p.PublishedAtUtc!.Value);
        var pages = db.StaticPages.AsNoTracking().ScheduledAfter(nowUtc).Select(p => p.PublishedAtUtc!.Value);
        var upcoming = posts.Concat(pages).ToList();
        upcoming.Sort();
        var loaded = new Snapshot(Interlocked.Increment(ref generation), upcoming);
        snapshot = loaded;
        return loaded;
    }

    private static long generation;

    /// <summary>Tells this process's epochs from an earlier run's (a new release renders different HTML).</summary>
    private static readonly string StartStamp = DateTime.UtcNow.Ticks.ToString("x", System.Globalization.CultureInfo.InvariantCulture);

    private sealed record Snapshot(long Generation, List<DateTime> Upcoming);
}
