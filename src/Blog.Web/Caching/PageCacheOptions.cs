namespace Blog.Web.Caching;

/// <summary>The page cache's settings, under <c>Blog:OutputCache</c>.</summary>
public sealed class PageCacheOptions
{
    public const string Section = "Blog:OutputCache";

    /// <summary>Off, every request renders its page (the benchmark's uncached run uses it).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>A small server's memory: the most-read pages stay cached, the long tail is rendered on demand.</summary>
    public long SizeLimitBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>The <see cref="ReadCache"/>'s bound: what the most-read pages show, for renders the page cache does not answer.</summary>
    public long ReadCacheBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>A larger response is sent as it is written and not kept.</summary>
    public int MaximumBodyBytes { get; set; } = 4 * 1024 * 1024;
}
