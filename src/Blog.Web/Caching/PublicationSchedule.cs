using Blog.Web.Data;
using Blog.Web.Posts;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Caching;

/// <summary>
/// Knows when the next scheduled posts and pages go live, so cached pages change the moment one does. The
/// "epoch" it gives goes with every cached page: it moves on each time content is saved or a scheduled publish time
/// passes (by the app's <see cref="TimeProvider"/>), so a stale copy is never served and nothing has to be evicted on
/// time. Asked on every request, it costs a binary search and no allocation.
/// </summary>
public sealed class PublicationSchedule(IServiceScopeFactory scopes, TimeProvider clock) : IContentChangeListener
{
    private static long generation;

    /// <summary>Tells this process's epochs from an earlier run's (a new release renders different HTML).</summary>
    private static readonly string StartStamp = DateTime.UtcNow.Ticks.ToString("x", System.Globalization.CultureInfo.InvariantCulture);

    private volatile Snapshot? snapshot;
    private long changes;

    /// <summary>Changes whenever content is saved or a scheduled item goes live.</summary>
    public string CurrentEpoch()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var current = snapshot ?? Load(now);
        var passed = current.Upcoming.BinarySearch(now);
        passed = passed >= 0 ? passed + 1 : ~passed;
        return current.Epoch(passed);
    }

    public void ContentChanged()
    {
        Interlocked.Increment(ref changes);
        snapshot = null;
    }

    private Snapshot Load(DateTime nowUtc)
    {
        var seen = Interlocked.Read(ref changes);
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BlogDbContext>();
        var posts = db.Posts.AsNoTracking().ScheduledAfter(nowUtc).Select(p => p.PublishedAtUtc!.Value);
        var pages = db.StaticPages.AsNoTracking().ScheduledAfter(nowUtc).Select(p => p.PublishedAtUtc!.Value);
        var upcoming = posts.Concat(pages).ToList();
        upcoming.Sort();
        var loaded = new Snapshot($"{StartStamp}.{Interlocked.Increment(ref generation)}", upcoming);

        // A save while this was loading may have scheduled something it did not see: then it serves this request
        // only, and the next one loads again.
        if (Interlocked.Read(ref changes) == seen)
        {
            snapshot = loaded;
        }

        return loaded;
    }

    private sealed class Snapshot(string stamp, List<DateTime> upcoming)
    {
        private readonly string?[] epochs = new string?[upcoming.Count + 1];

        public List<DateTime> Upcoming { get; } = upcoming;

        /// <summary>The epoch once <paramref name="passed"/> of the upcoming times have passed, made once.</summary>
        public string Epoch(int passed) => epochs[passed] ??= $"{stamp}.{passed}";
    }
}
