namespace Blog.Web.Caching;

/// <summary>
/// Tags a page adds to itself while it renders (<see cref="Blog.Web.Data.ReaderPages"/>), so a save that changes only
/// what it shows (a comment under one post) evicts it and leaves every other kept page alone.
/// </summary>
public static class PageTags
{
    private static readonly object Key = new();

    public static void AddPageTag(this HttpContext context, string tag)
    {
        if (context.Items[Key] is not List<string> tags)
        {
            context.Items[Key] = tags = [];
        }

        tags.Add(tag);
    }

    internal static IReadOnlyList<string> Of(HttpContext context, CachedPageAttribute page) =>
        context.Items[Key] is List<string> tags ? [.. page.Tags, .. tags] : page.Tags;
}
