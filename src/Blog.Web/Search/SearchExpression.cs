using System.Text;
using System.Text.RegularExpressions;

namespace Blog.Web.Search;

/// <summary>
/// Turns whatever a reader typed into a safe FTS5 MATCH expression. FTS5's query syntax has operators (quotes, AND,
/// OR, NOT, NEAR, *, -, ^, parentheses, column filters) that a stray character turns into a syntax error, so the
/// reader's text is never passed through: only its words are kept, each quoted as a phrase (so "AND" is just a word),
/// all of them required, the last one also matching as a prefix (typing "photog" finds "photography").
/// </summary>
public static partial class SearchExpression
{
    /// <summary>Longer queries are cut: no one types more, and it bounds the work a request can ask for.</summary>
    public const int MaxQueryLength = 200;

    public const int MaxWords = 8;

    private const int MaxWordLength = 50;

    /// <summary>The MATCH expression, or null when the text holds no words at all (only punctuation or emoji).</summary>
    public static string? From(string? query)
    {
        var words = Words(query);
        if (words.Count == 0)
        {
            return null;
        }

        var match = new StringBuilder();
        for (var i = 0; i < words.Count; i++)
        {
            match.Append(i == 0 ? "\"" : " \"").Append(words[i].Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            if (i == words.Count - 1)
            {
                match.Append('*');
            }
        }

        return match.ToString();
    }

    /// <summary>
    /// The same search for PostgreSQL, as <c>to_tsquery</c> text: each word a quoted lexeme, all required (<c>&amp;</c>),
    /// the last also a prefix (<c>:*</c>). Words hold only letters, digits and marks, so no quote, backslash or operator
    /// of the reader's reaches the query syntax. Null when there are no words.
    /// </summary>
    public static string? ForPostgreSql(string? query)
    {
        // A word of marks alone would be no lexeme once accents are removed, and an empty quoted lexeme is a syntax error.
        var words = Words(query).Where(w => w.EnumerateRunes().Any(Rune.IsLetterOrDigit)).ToList();
        return words.Count == 0
            ? null
            : string.Join(" & ", words.Select((word, i) => i == words.Count - 1 ? $"'{word}':*" : $"'{word}'"));
    }

    /// <summary>The words of what the reader typed: at most <see cref="MaxWords"/>, each cut to a bounded length.</summary>
    internal static List<string> Words(string? query) =>
        string.IsNullOrWhiteSpace(query)
            ? []
            : WordPattern().Matches(query.Length > MaxQueryLength ? query[..MaxQueryLength] : query)
                .Select(m => m.Value.Length > MaxWordLength ? m.Value[..MaxWordLength] : m.Value)
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .Take(MaxWords)
                .ToList();

    /// <summary>What SQLite's unicode61 tokenizer keeps as part of a word: letters, digits and combining marks.</summary>
    [GeneratedRegex(@"[\p{L}\p{N}\p{M}]+", RegexOptions.CultureInvariant)]
    internal static partial Regex WordPattern();
}
