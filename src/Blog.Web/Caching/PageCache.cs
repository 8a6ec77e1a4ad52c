using System.Collections.Concurrent;
using Blog.Web.Data;
using Microsoft.Extensions.Options;

namespace Blog.Web.Caching;

/// <summary>
/// Public pages as anonymous readers get them, kept in memory until the content they show changes: a save evicts
/// every page tagged <see cref="CachedPageAttribute.ContentTag"/>, and a page rendered before the current publication
/// epoch is never served. Bounded in bytes; the least recently read pages leave first.
/// </summary>
public sealed class PageCache(IOptions<PageCacheOptions> options) : IContentChangeListener
{
    private readonly ConcurrentDictionary<string, CachedPage> pages = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<CachedPage?>> renders = new(StringComparer.Ordinal);
    private readonly Lock trimming = new();
    private long size;
    private long partEvictions;

    public PageCacheOptions Options { get; } = options.Value;

    /// <summary>Bytes held by cached pages, their compressed copies included.</summary>
    public long Size => Interlocked.Read(ref size);

    public int Count => pages.Count;

    internal bool TryGet(string key, string epoch, out CachedPage page)
    {
        if (pages.TryGetValue(key, out page!) && page.Epoch == epoch)
        {
            page.LastUsed = Environment.TickCount64;
            return true;
        }

        return false;
    }

    /// <summary>
    /// Moves on whenever some pages (not all) are evicted. A render that began before and ends after such an eviction
    /// may show what was just changed as it was, so it is not kept (<see cref="Store"/>): the epoch protects whole-content
    /// changes the same way.
    /// </summary>
    internal long PartEvictions => Interlocked.Read(ref partEvictions);

    internal void Store(CachedPage page, long partEvictionsAtStart = -1)
    {
        if (page.Size > Options.SizeLimitBytes || (partEvictionsAtStart >= 0 && partEvictionsAtStart != PartEvictions && page.Tags.Count > 1))
        {
            return;
        }

        pages.AddOrUpdate(page.Key, page, (_, old) =>
        {
            Interlocked.Add(ref size, -old.Size);
            return page;
        });
        Grew(page.Size);
    }

    /// <summary>
    /// Joins the render of <paramref name="key"/> that another request has begun (true), or makes this request the
    /// one rendering it (false, and it must call <see cref="EndRender"/>). A page that everyone wants at once, the
    /// moment a save evicted it, is rendered once, not once per reader.
    /// </summary>
    internal bool TryJoinRender(string key, out Task<CachedPage?> render)
    {
        var mine = new TaskCompletionSource<CachedPage?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var current = renders.GetOrAdd(key, mine);
        render = current.Task;
        return !ReferenceEquals(current, mine);
    }

    internal void EndRender(string key, CachedPage? page)
    {
        if (renders.TryRemove(key, out var render))
        {
            render.TrySetResult(page);
        }
    }

    /// <summary>Removes every page carrying <paramref name="tag"/>.</summary>
    public void EvictByTag(string tag)
    {
        foreach (var (key, page) in pages)
        {
            if (page.Tags.Contains(tag) && pages.TryRemove(new KeyValuePair<string, CachedPage>(key, page)))
            {
                Interlocked.Add(ref size, -page.Size);
            }
        }
    }

    public void ContentChanged() => EvictByTag(CachedPageAttribute.ContentTag);

    public void PagesChanged(IReadOnlyCollection<string> tags)
    {
        Interlocked.Increment(ref partEvictions);
        foreach (var tag in tags)
        {
            EvictByTag(tag);
        }
    }

    private void Grew(long bytes)
    {
        if (Interlocked.Add(ref size, bytes) > Options.SizeLimitBytes)
        {
            Trim();
        }
    }

    /// <summary>Down to three quarters of the limit, least recently read first, so a full cache is not trimmed on every store.</summary>
    private void Trim()
    {
        lock (trimming)
        {
            var target = Options.SizeLimitBytes * 3 / 4;
            if (Size <= target)
            {
                return;
            }

            foreach (var page in pages.Values.OrderBy(p => p.LastUsed).ToList())
            {
                if (Size <= target)
                {
                    break;
                }

                if (pages.TryRemove(new KeyValuePair<string, CachedPage>(page.Key, page)))
                {
                    Interlocked.Add(ref size, -page.Size);
                }
            }
        }
    }
}
