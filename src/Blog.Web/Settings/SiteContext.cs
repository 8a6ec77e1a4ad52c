using Blog.Web.Caching;
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
/// Loads the <see cref="SiteChrome"/> once and keeps it for as long as the <see cref="PublicationSchedule"/>'s epoch
/// stands: a save, or a scheduled page going live, moves the epoch on, so a page view costs no query for it.
/// </summary>
public sealed class SiteContext(IServiceScopeFactory scopes, IMemoryCache cache, TimeProvider clock, PublicationSchedule schedule)
{
    private static readonly object CacheKey = new();

    public async Task<SiteChrome> GetAsync(CancellationToken cancellationToken = default)
    {
        var epoch = await schedule.CurrentEpochAsync(cancellationToken);
        if (cache.TryGetValue(CacheKey, out CachedChrome? cached) && cached?.Epoch == epoch)
        {
            return cached.Chrome;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BlogDbContext>();

        var settings = await db.SiteSettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? new SiteSettings();
        var navigation = await db.StaticPages.AsNoTracking()
            .Where(p => p.ShowInNavigation)
            .VisibleAt(clock.GetUtcNow().UtcDateTime)
            .OrderBy(p => p.MenuOrder).ThenBy(p => p.Title)
            .Select(p => new NavigationLink(p.Title, p.Slug))
            .ToListAsync(cancellationToken);

        var chrome = new SiteChrome(settings, navigation);
        cache.Set(CacheKey, new CachedChrome(chrome, epoch));
        return chrome;
    }

    private sealed record CachedChrome(SiteChrome Chrome, string Epoch);
}
