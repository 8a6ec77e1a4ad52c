using System.Globalization;
using System.Text;

namespace Blog.Web.Posts;

/// <summary>
/// Turns a title into the readable part of a URL: lower case, words joined by hyphens. Latin letters lose their
/// accents (and a few letters are spelled out: ß → ss, æ → ae); letters of other scripts are kept as they are,
/// since browsers show them and percent-encode them on the wire.
/// </summary>
public static class Slug
{
    public const int MaxLength = 80;

    private static readonly Dictionary<char, string> Spelled = new()
    {
        ['ß'] = "ss", ['æ'] = "ae", ['œ'] = "oe", ['ø'] = "o", ['đ'] = "d", ['ð'] = "d", ['ł'] = "l", ['þ'] = "th",
        ['ı'] = "i", ['&'] = "and",
    };

    public static string From(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var builder = new StringBuilder(text.Length);
        var pendingHyphen = false;
        foreach (var c in text.ToLowerInvariant().Normalize(NormalizationForm.FormD))
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
            {
                // Accents on Latin letters go; marks that are part of another script's letters (Devanagari vowel signs) stay.
                if (builder.Length > 0 && !IsAsciiLetterOrDigit(builder[^1]))
                {
                    builder.Append(c);
                }

                continue;
            }

            string? piece = Spelled.TryGetValue(c, out var spelled) ? spelled
                : char.IsLetterOrDigit(c) ? c.ToString()
                : c == '\'' || c == '’' ? ""
                : null;

            if (piece is null)
            {
                pendingHyphen = builder.Length > 0;
                continue;
            }

            if (piece.Length == 0)
            {
                continue;
            }

            if (pendingHyphen)
            {
                builder.Append('-');
                pendingHyphen = false;
            }

            builder.Append(piece);
        }

        var slug = builder.ToString().Normalize(NormalizationForm.FormC);
        return Truncate(slug);
    }

    /// <summary>True when a slug is what <see cref="From"/> would make of itself: safe to put in a URL.</summary>
    public static bool IsValid(string? slug) => !string.IsNullOrEmpty(slug) && From(slug) == slug;

    private static bool IsAsciiLetterOrDigit(char c) => char.IsAsciiLetterOrDigit(c);

    private static string Truncate(string slug)
    {
        if (slug.Length <= MaxLength)
        {
            return slug;
        }

        var cut = slug[..MaxLength];
        var lastHyphen = cut.LastIndexOf('-');
        return (lastHyphen > MaxLength / 2 ? cut[..lastHyphen] : cut).TrimEnd('-');
    }
}
