namespace Blog.Web.Addresses;

/// <summary>
/// An old address that moved: a permalink from the blog the author came from, or a slug she changed. Served as a
/// 301 only when nothing else answers the old path, so a real page always wins over a stale redirect.
/// </summary>
public sealed class Redirect
{
    public const int MaxPathLength = 500;

    public int Id { get; private set; }

    /// <summary>Normalized (see <see cref="RedirectPath.Normalize"/>): leading slash, no trailing slash, no query.</summary>
    public string FromPath { get; private set; }

    public string ToPath { get; set; }

    public DateTime CreatedAtUtc { get; private set; }

    public Redirect(string fromPath, string toPath, DateTime createdAtUtc)
    {
        FromPath = RedirectPath.Normalize(fromPath);
        ToPath = toPath;
        CreatedAtUtc = createdAtUtc;
    }
}

public static class RedirectPath
{
    /// <summary>
    /// One spelling per address, so <c>/2019/05/my-post/</c> and <c>/2019/05/my-post</c> find the same redirect.
    /// Returns "" for what cannot be a redirect source (the home page, an absolute URL of another site).
    /// </summary>
    public static string Normalize(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return "";
        }

        var value = path.Trim();
        if (Uri.TryCreate(value, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            value = absolute.AbsolutePath;
        }

        var cut = value.IndexOfAny(['?', '#']);
        if (cut >= 0)
        {
            value = value[..cut];
        }

        value = "/" + Uri.UnescapeDataString(value).Trim('/');
        return value == "/" || value.Length > Redirect.MaxPathLength ? "" : value;
    }
}
