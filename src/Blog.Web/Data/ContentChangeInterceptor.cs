using System.Runtime.CompilerServices;
using Blog.Web.Instances;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Blog.Web.Data;

/// <summary>
/// Tells every cache that content changed as soon as a save that touches what readers can see succeeds, wherever in the
/// app it happens. Saves that only touch what readers never see (an autosave every few seconds while the author types,
/// a sign-in updating the owner's account, an import's progress) leave the caches alone, so writing never empties the
/// page cache during a busy day. (Bulk <c>ExecuteUpdate</c>/<c>ExecuteDelete</c> bypass interceptors: code that uses
/// them on content calls <see cref="Notify"/> itself.) Other instances sharing the database hear of it through the
/// <see cref="ICacheEvictionBus"/>.
/// </summary>
public sealed class ContentChangeInterceptor(IEnumerable<IContentChangeListener> listeners, ICacheEvictionBus bus) : SaveChangesInterceptor
{
    /// <summary>
    /// The account and key stores' own entities, which come from libraries and so cannot be marked: readers never see them.
    /// Our entities say so where they are defined (<see cref="HiddenFromReadersAttribute"/>).
    /// </summary>
    private static readonly HashSet<Type> LibraryEntitiesHiddenFromReaders =
    [
        typeof(DataProtectionKey), typeof(IdentityUserClaim<string>), typeof(IdentityUserLogin<string>), typeof(IdentityUserToken<string>),
        typeof(IdentityRole), typeof(IdentityUserRole<string>), typeof(IdentityRoleClaim<string>),
    ];

    /// <summary>Whether saving an entity of this type can leave every public page as it was.</summary>
    public static bool IsHiddenFromReaders(Type entityType) =>
        LibraryEntitiesHiddenFromReaders.Contains(entityType) || entityType.IsDefined(typeof(HiddenFromReadersAttribute), inherit: false);

    /// <summary>Saves under way that change something readers see: everything (<see cref="All"/>) or the pages of some tags.</summary>
    private readonly ConditionalWeakTable<DbContext, HashSet<string>> publicSaves = [];

    private static readonly HashSet<string> All = [];

    /// <summary>Everything changed (a bulk change already committed): every cache here and on the other instances forgets.</summary>
    public void Notify()
    {
        NotifyHere();
        bus.Publish(null, null);
    }

    private void NotifyHere()
    {
        foreach (var listener in listeners)
        {
            listener.ContentChanged();
        }
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (Saved(eventData.Context) is { } evicted)
        {
            bus.Publish(eventData.Context, evicted.Tags);
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (Saved(eventData.Context) is { } evicted)
        {
            await bus.PublishAsync(eventData.Context, evicted.Tags, cancellationToken);
        }

        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Note(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        HashSet<string>? tags = null;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted) || IsHiddenFromReaders(entry.Metadata.ClrType))
            {
                continue;
            }

            if (entry.Entity is not IChangesSomePages some)
            {
                tags = All;
                break;
            }

            foreach (var tag in some.PagesChangedBy(entry))
            {
                (tags ??= new HashSet<string>(StringComparer.Ordinal)).Add(tag);
            }

            if (tags?.Contains(ReaderPages.Everything) == true)
            {
                tags = All;
                break;
            }
        }

        if (tags is not null)
        {
            publicSaves.AddOrUpdate(context, tags);
        }
    }

    /// <summary>Evicts here what a finished save changed, and says what (tags null: everything), or null when readers see no change.</summary>
    private Evicted? Saved(DbContext? context)
    {
        if (context is null || !publicSaves.TryGetValue(context, out var tags))
        {
            return null;
        }

        publicSaves.Remove(context);
        if (ReferenceEquals(tags, All))
        {
            NotifyHere();
            return new Evicted(null);
        }

        NotifyPagesHere(tags);
        return new Evicted(tags);
    }

    private sealed record Evicted(IReadOnlyCollection<string>? Tags);

    /// <summary>Tells every cache, here and on the other instances, that only the pages carrying <paramref name="tags"/> changed.</summary>
    public void NotifyPages(IReadOnlyCollection<string> tags)
    {
        NotifyPagesHere(tags);
        bus.Publish(null, tags);
    }

    private void NotifyPagesHere(IReadOnlyCollection<string> tags)
    {
        foreach (var listener in listeners)
        {
            listener.PagesChanged(tags);
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            publicSaves.Remove(context);
        }
    }
}
