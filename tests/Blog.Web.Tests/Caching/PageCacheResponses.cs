namespace Blog.Web.Tests.Caching;

internal static class PageCacheResponses
{
    /// <summary>The page cache says how old a kept page is; a fresh render carries no <c>Age</c>.</summary>
    public static bool FromCache(HttpResponseMessage response) => response.Headers.Age is not null;
}
