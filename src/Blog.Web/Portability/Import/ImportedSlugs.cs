using Blog.Web.Addresses;
using Blog.Web.Data;
using Blog.Web.Posts;
using Blog.Web.StaticPages;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Portability.Import;

/// <summary>
/// Where an import's new items go. An item keeps its slug unless something else has that address: the blog itself
/// (a page's slug that is one of its own first segments, <see cref="ReservedSegments"/>; a post lives under
/// <c>/blog/</c>, where nothing else does), the author's own content (in the trash too), or another item of the same
/// import. It then gets the next free slug (<c>about-2</c>), and its report line says why and where it went (its old
/// address leads there: the importer leaves the redirect). Sample content nobody has edited is not the author's: on
/// her first import the sample posts are removed, and the sample About page gives way to an imported page that wants
/// <c>/about</c>; the report's notes say so. A dry run decides the same and removes nothing.
/// </summary>
internal sealed class ImportedSlugs(BlogDbContext db, ReservedSegments reserved, ImportReport report, bool dryRun)
{
    private readonly HashSet<string> claimedSlugs = new(StringComparer.OrdinalIgnoreCase);

    // Sample content removed by this import (or, in a dry run, that would be), by kind and slug: its slugs are free.
    private readonly HashSet<string> madeWay = new(StringComparer.OrdinalIgnoreCase);

    private bool samplePostsConsidered;

    /// <summary>A free slug for a new item, and when it could not have the one it wanted, why and where it went.</summary>
    public async Task<(string Slug, string? Moved)> ChooseAsync(ImportedContent item, CancellationToken cancellationToken)
    {
        await RemoveSamplePostsOnFirstImportAsync(cancellationToken);
        var wanted = Slug.IsValid(item.Slug) ? item.Slug! : Slug.From(item.Title) is { Length: > 0 } fromTitle ? fromTitle : item.Kind == ImportKind.Post ? "post" : "page";
        var slug = wanted;
        string? takenBy = null;
        for (var n = 2; await TakenByAsync(item.Kind, slug, cancellationToken) is { } who; n++)
        {
            takenBy ??= who;
            var suffix = $"-{n}";
            slug = wanted[..Math.Min(wanted.Length, Slug.MaxLength - suffix.Length)] + suffix;
        }

        claimedSlugs.Add(Key(item.Kind, slug));
        return (slug, takenBy is null ? null : Moved(item, AddressOf(item.Kind, wanted), takenBy, AddressOf(item.Kind, slug)));
    }

    /// <summary>What has the address <paramref name="slug"/> gives, in words ("by your page “About”"); null when it is free.</summary>
    private async Task<string?> TakenByAsync(ImportKind kind, string slug, CancellationToken cancellationToken)
    {
        if (claimedSlugs.Contains(Key(kind, slug)))
        {
            return "by another item of this import";
        }

        if (madeWay.Contains(Key(kind, slug)))
        {
            return null;
        }

        if (kind == ImportKind.Page && reserved.Contains(slug))
        {
            return "by the blog itself";
        }

        var taken = kind == ImportKind.Post
            ? await db.Posts.Where(p => p.Slug == slug).Select(p => new { p.Title, p.DeletedAtUtc }).FirstOrDefaultAsync(cancellationToken)
            : await db.StaticPages.Where(p => p.Slug == slug).Select(p => new { p.Title, p.DeletedAtUtc }).FirstOrDefaultAsync(cancellationToken);
        if (taken is null || (kind == ImportKind.Page && slug == SampleContent.PageSlug && await MakeWayForSamplePageAsync(cancellationToken)))
        {
            return null;
        }

        return $"by your {(kind == ImportKind.Post ? "post" : "page")} “{taken.Title}”{(taken.DeletedAtUtc is null ? "" : " (in the trash)")}";
    }

    /// <summary>
    /// On the author's first import (no item imported before), the sample posts nobody has edited are removed: they
    /// welcome her to an empty blog, and her own writing is arriving. Removed at once, so their slugs are free.
    /// </summary>
    private async Task RemoveSamplePostsOnFirstImportAsync(CancellationToken cancellationToken)
    {
        if (samplePostsConsidered)
        {
            return;
        }

        samplePostsConsidered = true;
        if (await db.ImportedItems.AnyAsync(cancellationToken))
        {
            return;
        }

        var samples = (await SampleContent.UntouchedAsync(db, cancellationToken)).Where(c => c is Post).ToList();
        await RemoveSamplesAsync(samples, "nobody had edited it, and your own posts are arriving", cancellationToken);
    }

    /// <summary>The sample About page, if nobody has edited it, makes way for an imported page that wants its address.</summary>
    private async Task<bool> MakeWayForSamplePageAsync(CancellationToken cancellationToken)
    {
        var samples = (await SampleContent.UntouchedAsync(db, cancellationToken)).Where(c => c is StaticPage).ToList();
        await RemoveSamplesAsync(samples, "nobody had edited it, and your own page takes its address", cancellationToken);
        return samples.Count > 0;
    }

    private async Task RemoveSamplesAsync(List<PublishableContent> samples, string why, CancellationToken cancellationToken)
    {
        foreach (var sample in samples)
        {
            madeWay.Add(Key(sample is Post ? ImportKind.Post : ImportKind.Page, sample.Slug));
            report.Notes.Add($"The sample {(sample is Post ? "post" : "page")} “{sample.Title}” ({Redirects.AddressOf(sample)}) " +
                $"{(dryRun ? "would be" : "was")} removed: {why}.");
        }

        if (samples.Count > 0 && !dryRun)
        {
            await SampleContent.RemoveAsync(db, samples, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>The report's words for an item that could not have the address it wanted.</summary>
    private static string Moved(ImportedContent item, string wantedAddress, string takenBy, string address)
    {
        var moved = $"{wantedAddress} is taken {takenBy}: imported at {address}";
        var old = item.OriginalPath is { Length: > 0 } path ? RedirectPath.Normalize(path) : null;
        return old is null || string.Equals(old, address, StringComparison.OrdinalIgnoreCase)
            ? moved + "."
            : string.Equals(old, RedirectPath.Normalize(wantedAddress), StringComparison.OrdinalIgnoreCase)
                ? moved + $"; its old address {old} keeps showing what is there (a real page always wins over a redirect)."
                : moved + $"; its old address {old} leads there.";
    }

    private static string AddressOf(ImportKind kind, string slug) => kind == ImportKind.Post ? SitePaths.Post(slug) : SitePaths.Page(slug);

    private static string Key(ImportKind kind, string slug) => $"{kind}:{slug}";
}
