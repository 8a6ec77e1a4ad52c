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
    /// <summary>Tells this instance's epochs from an earlier run's (a new release renders different HTML).</summary>
    private readonly string startStamp = clock.GetUtcNow().UtcTicks.ToString("x", System.Globalization.CultureInfo.InvariantCulture);

    private volatile Snapshot? snapshot;
    private long changes;
    private long generation;

    /// <summary>
    /// Changes whenever content is saved or a scheduled item goes live. Answered at once while the schedule is known;
    /// after a save, the first caller reads it again from the database, without blocking a thread.
    /// </summary>
    public ValueTask<string> CurrentEpochAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return snapshot is { } current ? ValueTask.FromResult(current.EpochAt(now)) : LoadAsync(now, cancellationToken);
    }

    public void ContentChanged()
    {
        Interlocked.Increment(ref changes);
        snapshot = null;
    }

    private async ValueTask<string> LoadAsync(DateTime nowUtc, CancellationToken cancellationToken)
    {
        var seen = Interlocked.Read(ref changes);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BlogDbContext>();
        var posts = db.Posts.AsNoTracking().ScheduledAfter(nowUtc).Select(p => p.PublishedAtUtc!.Value);
        var pages = db.StaticPages.AsNoTracking().ScheduledAfter(nowUtc).Select(p => p.PublishedAtUtc!.Value);
        var upcoming = await posts.Concat(pages).ToListAsync(cancellationToken);
        upcoming.Sort();
        var loaded = new Snapshot($"{startStamp}.{Interlocked.Increment(ref generation)}", upcoming);

        // A save while this was loading may have scheduled something it did not see: then it serves this request
        // only, and the next one loads again.
        if (Interlocked.Read(ref changes) == seen)
        {
            snapshot = loaded;
        }

        return loaded.EpochAt(nowUtc);
    }

    private sealed class Snapshot(string stamp, List<DateTime> upcoming)
    {
        private readonly string?[] epochs = new string?[upcoming.Count + 1];

        /// <summary>The epoch at <paramref name="nowUtc"/>: a binary search for how many upcoming times have passed, and no allocation.</summary>
        public string EpochAt(DateTime nowUtc)
        {
            var passed = upcoming.BinarySearch(nowUtc);
            passed = passed >= 0 ? passed + 1 : ~passed;
            return epochs[passed] ??= $"{stamp}.{passed}";
        }
    }
}
