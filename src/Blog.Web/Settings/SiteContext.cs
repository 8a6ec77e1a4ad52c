using Blog.Web.Data;
using Blog.Web.Posts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Blog.Web.Settings;

/// <summary>A link in the site navigation.</summary>
public sealed record NavigationLink(string Title, string Slug);

/// <summary>What every page of the site shows around its content: the settings and the navigation.</summary>
public sealed record SiteChrome(SiteSettings Settings, IReadOnlyList<NavigationLink> Navigation)
{
    public BlogDates Dates { get; } = BlogDates.For(Settings);
}

/// <summary>
/// Loads the <see cref="SiteChrome"/> once and keeps it until a save changes settings or pages
/// (<see cref="ContentChangeInterceptor"/> calls <see cref="ContentChanged"/>), so a page view costs no query for it.
/// Navigation depends on publish times too, so the cached copy also expires when the next scheduled page goes live.
/// </summary>
public sealed class SiteContext(IServiceScopeFactory scopes, IMemoryCache cache, TimeProvider clock) : IContentChangeListener
{
    private static readonly object CacheKey = new();

    public async Task<SiteChrome> GetAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (cache.TryGetValue(CacheKey, out CachedChrome? cached) && cached is not null && now < cached.ValidUntilUtc)
        {
            return cached.Chrome;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BlogDbContext>();

        var settings = await db.SiteSettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? new SiteSettings();
        var pages = db.StaticPages.AsNoTracking().Where(p => p.ShowInNavigation);
        var navigation = await pages
            .VisibleAt(now)
            .OrderBy(p => p.MenuOrder).ThenBy(p => p.Title)
            .Select(p => new NavigationLink(p.Title, p.Slug))
            .ToListAsync(cancellationToken);
        var nextScheduled = await pages
            .Where(p => p.Status != PublishStatus.Draft && p.DeletedAtUtc == null && p.PublishedAtUtc > now)
            .MinAsync(p => p.PublishedAtUtc, cancellationToken);

        var chrome = new SiteChrome(settings, navigation);
        cache.Set(CacheKey, new CachedChrome(chrome, nextScheduled ?? DateTime.MaxValue));
        return chrome;
    }

    public void ContentChanged() => cache.Remove(CacheKey);

    private sealed record CachedChrome(SiteChrome Chrome, DateTime ValidUntilUtc);
}
