using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Blog.Web.Statistics;

/// <summary>
/// Where requests leave what they read: a lock-free queue that a request only appends to (a few tens of nanoseconds)
/// and the background tally empties. Bounded: under a flood, reads past the limit are dropped, never waited for.
/// </summary>
public sealed class PendingReads(IOptions<StatisticsOptions> options)
{
    private readonly ConcurrentQueue<ReadEvent> queue = new();
    private readonly int limit = options.Value.QueueLimit;
    private int count;
    private long dropped;

    public bool Enabled { get; } = options.Value.Enabled;

    /// <summary>Reads dropped because the queue was full (since start).</summary>
    public long Dropped => Interlocked.Read(ref dropped);

    public void Add(in ReadEvent read)
    {
        if (Interlocked.Increment(ref count) > limit)
        {
            Interlocked.Decrement(ref count);
            Interlocked.Increment(ref dropped);
            return;
        }

        queue.Enqueue(read);
    }

    public bool TryTake(out ReadEvent read)
    {
        if (queue.TryDequeue(out read))
        {
            Interlocked.Decrement(ref count);
            return true;
        }

        return false;
    }
}
