namespace Blog.Web.Posts;

public static class TextExcerpt
{
    private const int GeneratedExcerptWords = 45;

    /// <summary>The author's excerpt, or when there is none the opening words of the text.</summary>
    public static string ExcerptOrOpening(string? excerpt, string text) =>
        string.IsNullOrWhiteSpace(excerpt) ? FromText(text, GeneratedExcerptWords) : excerpt;

    /// <summary>The first <paramref name="maxWords"/> words of a text, with an ellipsis when it was cut.</summary>
    public static string FromText(string text, int maxWords)
    {
        var words = text.Split((char[]?)null, maxWords + 1, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length <= maxWords)
        {
            return string.Join(' ', words);
        }

        var excerpt = string.Join(' ', words.Take(maxWords)).TrimEnd(',', ';', ':', '.', '-', '—');
        return excerpt + "…";
    }
}
