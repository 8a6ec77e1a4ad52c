namespace Blog.Web.Caching;

/// <summary>
/// Marks a public page or endpoint whose response to an anonymous reader depends only on its address (scheme, host,
/// path and the query parameters named here), on the content and on the publication epoch, so that the
/// <see cref="PageCache"/> may keep it. Other query parameters (<c>utm_source</c>, <c>fbclid</c>) are taken off the
/// request before the page sees them: one copy then serves every shared link to it, and nobody can fill the cache by
/// inventing parameters. Every public Razor page gets this by convention; a page that reads the query says which
/// parameters it reads.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = false)]
public sealed class CachedPageAttribute(params string[] varyByQuery) : Attribute
{
    /// <summary>The tag every cached page carries: any change to what readers can see evicts it.</summary>
    public const string ContentTag = Blog.Web.Data.ReaderPages.Everything;

    public IReadOnlyList<string> VaryByQuery { get; } = varyByQuery;

    /// <summary>What evicts the page (<see cref="PageCache.EvictByTag"/>).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [ContentTag];
}
