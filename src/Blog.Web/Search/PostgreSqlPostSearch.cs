using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Blog.Web.Data;
using Blog.Web.Posts;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Search;

/// <summary>
/// The search on PostgreSQL: the <c>PostSearch</c> table's generated tsvector (see the PostgreSQL migrations'
/// PostgreSqlSearchIndex) under a GIN index, ranked by <c>ts_rank</c> with a title match worth most, then tags, then
/// the body, as bm25's weights do on SQLite. Snippets are cut here from the ten posts shown: ts_headline would read
/// the post's own text as HTML and drop what looks like a tag, and would not see "creme" in "crème".
/// </summary>
internal static class PostgreSqlPostSearch
{
    /// <summary>The rows both queries count and rank: matching (format item 0, tsquery text) and visible at item 1.</summary>
    private static readonly string VisibleMatches =
        """s."Document" @@ to_tsquery('simple'::regconfig, "BlogSearchText"({0})) AND """ + Visibility.SqlFilterAt(1);

    private const int SnippetWords = 24;

    public static async Task<Paged<SearchHit>?> SearchAsync(
        BlogDbContext db, string query, int pageNumber, DateTime nowUtc, CancellationToken cancellationToken)
    {
        if (SearchExpression.ForPostgreSql(query) is not { } match)
        {
            return null;
        }

        var total = await db.Database.SqlQuery<int>(FormattableStringFactory.Create($$"""
            SELECT count(*)::integer AS "Value"
            FROM "PostSearch" s JOIN "Posts" p ON p."Id" = s."PostId"
            WHERE {{VisibleMatches}}
            """, match, nowUtc)).SingleAsync(cancellationToken);
        var pageCount = Paging.CountPages(total, PostSearch.PageSize);
        if (pageNumber < 1 || pageNumber > pageCount)
        {
            return null;
        }

        // Weights are {D, C, B, A}: body (C) 0.1, tags (B) 0.4, title (A) 1.0, the ratios of bm25's 1 : 4 : 10 on SQLite.
        var skip = (pageNumber - 1) * PostSearch.PageSize;
        var rows = await db.Database.SqlQuery<PostSearch.SearchRow>(FormattableStringFactory.Create($$"""
            WITH "Ranked" AS (
                SELECT p."Id" AS "Id", ts_rank(ARRAY[0.1, 0.1, 0.4, 1.0]::real[], s."Document", to_tsquery('simple'::regconfig, "BlogSearchText"({0}))) AS "Score"
                FROM "PostSearch" s JOIN "Posts" p ON p."Id" = s."PostId"
                WHERE {{VisibleMatches}}
                ORDER BY "Score" DESC, p."PublishedAtUtc" DESC, p."Id" DESC
                LIMIT {2} OFFSET {3})
            SELECT p."Title", p."Slug", p."PublishedAtUtc", c."Name" AS "CategoryName", c."Slug" AS "CategorySlug",
                   p."BodyText" AS "Snippet"
            FROM "Ranked"
            JOIN "Posts" p ON p."Id" = "Ranked"."Id"
            LEFT JOIN "Categories" c ON c."Id" = p."CategoryId"
            ORDER BY "Ranked"."Score" DESC, p."PublishedAtUtc" DESC, p."Id" DESC
            """, match, nowUtc, PostSearch.PageSize, skip)).ToListAsync(cancellationToken);

        var words = SearchExpression.Words(query).Select(Fold).ToList();
        var hits = rows.Select(r => new SearchHit(
            r.Title,
            r.Slug,
            DateTime.SpecifyKind(r.PublishedAtUtc, DateTimeKind.Utc),
            r.CategoryName is null || r.CategorySlug is null ? null : new TermLink(r.CategoryName, r.CategorySlug),
            PostSearch.SplitSnippet(Snippet(r.Snippet ?? "", words)))).ToList();
        return new Paged<SearchHit>(hits, pageNumber, pageCount);
    }

    /// <summary>
    /// About <see cref="SnippetWords"/> words of <paramref name="body"/> around its first match, the matched words
    /// marked as FTS5's snippet() marks them (the last search word also as a prefix), with "…" where the text is cut.
    /// </summary>
    internal static string Snippet(string body, IReadOnlyList<string> foldedWords)
    {
        var tokens = SearchExpression.WordPattern().Matches(body);
        bool Matches(string token)
        {
            var folded = Fold(token);
            for (var i = 0; i < foldedWords.Count; i++)
            {
                if (i == foldedWords.Count - 1 ? folded.StartsWith(foldedWords[i], StringComparison.Ordinal) : folded == foldedWords[i])
                {
                    return true;
                }
            }

            return false;
        }

        var first = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (Matches(tokens[i].Value))
            {
                first = i;
                break;
            }
        }

        var start = Math.Max(0, Math.Min(first - (SnippetWords / 4), tokens.Count - SnippetWords));
        var end = Math.Min(tokens.Count, start + SnippetWords);
        if (end <= start)
        {
            return "";
        }

        var snippet = new StringBuilder();
        var from = start == 0 ? 0 : tokens[start].Index;
        if (start > 0)
        {
            snippet.Append('…');
        }

        for (var i = start; i < end; i++)
        {
            var token = tokens[i];
            snippet.Append(body, from, token.Index - from);
            if (Matches(token.Value))
            {
                snippet.Append('\u0002').Append(token.Value).Append('\u0003');
            }
            else
            {
                snippet.Append(token.Value);
            }

            from = token.Index + token.Length;
        }

        if (end < tokens.Count)
        {
            snippet.Append('…');
        }
        else
        {
            snippet.Append(body, from, body.Length - from);
        }

        return snippet.ToString();
    }

    /// <summary>Lower case without accents, as the index folds words (unaccent, then to_tsvector's lower case).</summary>
    private static string Fold(string word)
    {
        var decomposed = word.Normalize(NormalizationForm.FormD);
        var kept = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                kept.Append(c);
            }
        }

        return kept.ToString().Normalize(NormalizationForm.FormC).ToLowerInvariant();
    }
}
