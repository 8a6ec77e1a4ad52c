using Blog.Web.Posts;
using Blog.Web.Settings;

namespace Blog.Web.Editing;

public static class StatusLabel
{
    /// <summary>"Draft", "Scheduled for 3 December 2026 09:00", "Published 1 June 2026".</summary>
    public static string For(PublishableContent content, BlogDates dates, DateTime nowUtc)
    {
        if (content.Status == PublishStatus.Draft || content.PublishedAtUtc is not { } at)
        {
            return "Draft";
        }

        var when = dates.FormatDateTime(at);
        return content.Status == PublishStatus.Scheduled && at > nowUtc ? $"Scheduled for {when}" : $"Published {when}";
    }
}
