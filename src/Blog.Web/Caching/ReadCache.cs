using Blog.Web.Data;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Blog.Web.Caching;

/// <summary>
/// What the most-read public pages show (a post with its neighbours and related posts, a page of the home list),
/// kept in memory for the current publication epoch, so that a page the page cache does not hold (the owner's view, a
/// page just evicted, the cache switched off) renders without a query. Every key carries the epoch it was read in, so a
/// read that raced a save is never served after it; a save also empties the cache at once. Bounded in bytes.
/// </summary>
public sealed class ReadCache(PublicationSchedule schedule, IOptions<PageCacheOptions> options) : IContentChangeListener, IDisposable
{
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(30);

    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = options.Value.ReadCacheBytes });

    /// <summary>The value under <paramref name="key"/> in this epoch, loaded (and kept, weighing <paramref name="size"/> bytes) if need be.</summary>
    public async Task<T> GetOrLoadAsync<T>(ReadKey key, Func<CancellationToken, Task<T>> load, Func<T, long> size, CancellationToken cancellationToken)
    {
        var epochKey = key with { Epoch = await schedule.CurrentEpochAsync(cancellationToken) };
        if (cache.TryGetValue(epochKey, out T? kept))
        {
            return kept!;
        }

        var loaded = await load(cancellationToken);
        cache.Set(epochKey, loaded, new MemoryCacheEntryOptions { Size = Math.Max(1, size(loaded)), SlidingExpiration = Idle });
        return loaded;
    }

    public void ContentChanged() => cache.Compact(1.0);

    public void Dispose() => cache.Dispose();
}

/// <summary>What is read (<c>"post"</c>) and which one (a slug, a page number); the epoch is filled in by the cache.</summary>
public readonly record struct ReadKey(string Kind, string Id, string Epoch = "");
