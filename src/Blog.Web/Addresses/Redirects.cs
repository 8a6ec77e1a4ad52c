using Blog.Web.Data;
using Blog.Web.Posts;
using Blog.Web.StaticPages;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Addresses;

public static class Redirects
{
    /// <summary>Old addresses answer 301 where nothing else answers; runs inside the 404 page handling.</summary>
    public static IApplicationBuilder UseRedirectsFromOldAddresses(this IApplicationBuilder app) => app.UseMiddleware<RedirectMiddleware>();

    /// <summary>Where readers find a post or a page on this blog.</summary>
    public static string AddressOf(PublishableContent content) => content switch
    {
        Post post => SitePaths.Post(post.Slug),
        StaticPage page => SitePaths.Page(page.Slug),
        _ => throw new ArgumentException("Unknown content", nameof(content)),
    };

    /// <summary>
    /// Makes <paramref name="from"/> lead to <paramref name="to"/> (adds the redirect, or repoints an existing one), and
    /// repoints redirects that led to <paramref name="from"/> so readers never follow a chain. A redirect that would
    /// lead to itself (a slug changed back) is removed instead. Saved with the caller's next SaveChanges.
    /// </summary>
    public static async Task LeaveRedirectAsync(this BlogDbContext db, string from, string to, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var source = RedirectPath.Normalize(from);
        var target = RedirectPath.Normalize(to);
        if (source.Length == 0 || target.Length == 0 || string.Equals(source, target, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var pointingHere = await db.Redirects.Where(r => r.ToPath == source).ToListAsync(cancellationToken);
        foreach (var redirect in pointingHere)
        {
            redirect.ToPath = target;
        }

        db.Redirects.RemoveRange(await db.Redirects.Where(r => r.FromPath == target).ToListAsync(cancellationToken));
        var existing = db.Redirects.Local.FirstOrDefault(r => string.Equals(r.FromPath, source, StringComparison.OrdinalIgnoreCase))
            ?? await db.Redirects.SingleOrDefaultAsync(r => r.FromPath == source, cancellationToken);
        if (existing is null)
        {
            db.Redirects.Add(new Redirect(source, target, nowUtc));
        }
        else
        {
            existing.ToPath = target;
        }
    }
}
