using Blog.Web.Data;
using Blog.Web.Posts;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Search;

/// <summary>A piece of a result's snippet; the matched words are <see cref="Highlighted"/>.</summary>
public sealed record SnippetPart(string Text, bool Highlighted);

/// <summary>One search result as the results page shows it.</summary>
public sealed record SearchHit(string Title, string Slug, DateTime PublishedAtUtc, TermLink? Category, IReadOnlyList<SnippetPart> Snippet);

/// <summary>
/// Full-text search over the <c>PostSearch</c> FTS5 index (made and kept in step by SQL triggers: see the Discovery
/// migration). Ranked by bm25 with a title match worth most, then tags, then the body. On PostgreSQL the same search
/// runs on its own full-text index (<see cref="PostgreSqlPostSearch"/>).
/// </summary>
public static class PostSearch
{
    public const int PageSize = 10;

    // Marks the snippet's highlights with control characters no post text contains, so the snippet can be split
    // into plain text and highlights and every piece HTML-encoded by Razor: the post's own text is never markup.
    private const char HighlightStart = '\u0002';
    private const char HighlightEnd = '\u0003';

    /// <summary>
    /// The rows both queries count and rank: matching the search (format item 0) and visible to readers at the time
    /// (item 1), by the one rule (<see cref="Visibility"/>). Both queries are format strings with these items as
    /// parameters, never text.
    /// </summary>
    private static readonly string VisibleMatches = "PostSearch MATCH {0} AND " + Visibility.SqlFilterAt(1);

    /// <summary>
    /// One page of the visible posts matching what the reader typed (<paramref name="query"/>, made safe by
    /// <see cref="SearchExpression"/>), with the number of pages; null when the text has no words or
    /// <paramref name="pageNumber"/> is past the last page.
    /// </summary>
    public static async Task<Paged<SearchHit>?> SearchAsync(
        this BlogDbContext db, string query, int pageNumber, DateTime nowUtc, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            return await PostgreSqlPostSearch.SearchAsync(db, query, pageNumber, nowUtc, cancellationToken);
        }

        if (SearchExpression.From(query) is not { } match)
        {
            return null;
        }

        var total = await db.Database.SqlQuery<int>(FormattableStringFactory.Create($$"""
            SELECT count(*) AS Value
            FROM PostSearch JOIN Posts p ON p.Id = PostSearch.rowid
            WHERE {{VisibleMatches}}
            """, match, nowUtc)).SingleAsync(cancellationToken);
        var pageCount = Paging.CountPages(total, PageSize);
        if (pageNumber < 1 || pageNumber > pageCount)
        {
            return null;
        }

        // The ranked page of ids first, then snippets for those few rows only: a common word in 10,000 posts must
        // not make SQLite build 10,000 snippets to show ten.
        var skip = (pageNumber - 1) * PageSize;
        var rows = await db.Database.SqlQuery<SearchRow>(FormattableStringFactory.Create($$"""
            WITH Ranked AS (
                SELECT p.Id AS Id, bm25(PostSearch, 10.0, 4.0, 1.0) AS Score
                FROM PostSearch JOIN Posts p ON p.Id = PostSearch.rowid
                WHERE {{VisibleMatches}}
                ORDER BY Score, p.PublishedAtUtc DESC, p.Id DESC
                LIMIT {2} OFFSET {3})
            SELECT p.Title, p.Slug, p.PublishedAtUtc, c.Name AS CategoryName, c.Slug AS CategorySlug,
                   snippet(PostSearch, 2, char(2), char(3), '…', 24) AS Snippet
            FROM Ranked
            JOIN PostSearch ON PostSearch.rowid = Ranked.Id
            JOIN Posts p ON p.Id = Ranked.Id
            LEFT JOIN Categories c ON c.Id = p.CategoryId
            WHERE PostSearch MATCH {0}
            ORDER BY Ranked.Score, p.PublishedAtUtc DESC, p.Id DESC
            """, match, nowUtc, PageSize, skip)).ToListAsync(cancellationToken);

        var hits = rows.Select(r => new SearchHit(
            r.Title,
            r.Slug,
            DateTime.SpecifyKind(r.PublishedAtUtc, DateTimeKind.Utc),
            r.CategoryName is null || r.CategorySlug is null ? null : new TermLink(r.CategoryName, r.CategorySlug),
            SplitSnippet(r.Snippet ?? ""))).ToList();
        return new Paged<SearchHit>(hits, pageNumber, pageCount);
    }

    internal static List<SnippetPart> SplitSnippet(string snippet)
    {
        var parts = new List<SnippetPart>();
        var highlighted = false;
        foreach (var piece in snippet.Split([HighlightStart, HighlightEnd]))
        {
            if (piece.Length > 0)
            {
                parts.Add(new SnippetPart(piece, highlighted));
            }

            highlighted = !highlighted;
        }

        return parts;
    }

    /// <summary>A row of the search query, as the database returns it.</summary>
    internal sealed class SearchRow
    {
        public string Title { get; init; } = "";

        public string Slug { get; init; } = "";

        public DateTime PublishedAtUtc { get; init; }

        public string? CategoryName { get; init; }

        public string? CategorySlug { get; init; }

        public string? Snippet { get; init; }
    }
}
