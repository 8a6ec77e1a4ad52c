namespace Blog.Web.Posts;

public static class ReadingTime
{
    /// <summary>A comfortable pace for long-form prose on a screen.</summary>
    public const int WordsPerMinute = 230;

    public static int Minutes(int wordCount) => Math.Max(1, (int)Math.Ceiling(wordCount / (double)WordsPerMinute));
}
