using Blog.Web.Posts;
using Blog.Web.Settings;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Blog.Web.Editing;

/// <summary>What the editor's buttons do to a post or page's status: save, publish, schedule, unpublish.</summary>
public static class PublishingActions
{
    public const string Save = "save";
    public const string Publish = "publish";
    public const string Schedule = "schedule";
    public const string Unpublish = "unpublish";

    public static void Validate(string action, DateTime? publishAtUtc, DateTime nowUtc, ModelStateDictionary modelState)
    {
        if (action is not (Save or Publish or Schedule or Unpublish))
        {
            modelState.AddModelError(string.Empty, "Choose what to do: save, publish, schedule or unpublish.");
        }
        else if (action == Schedule && (publishAtUtc is null || publishAtUtc <= nowUtc))
        {
            modelState.AddModelError("Input.PublishAt", "To schedule, choose a date and time in the future (or publish now).");
        }
    }

    /// <summary>Applies the action and says what happened, for the revision's note.</summary>
    public static string Apply(PublishableContent content, string action, DateTime? publishAtUtc, DateTime nowUtc)
    {
        switch (action)
        {
            case Publish when publishAtUtc is { } at && at <= nowUtc:
                content.PublishAt(at, nowUtc); // back-dated on purpose
                return "Published";
            case Publish:
                content.Publish(nowUtc);
                return "Published";
            case Schedule:
                content.PublishAt(publishAtUtc!.Value, nowUtc);
                return "Scheduled";
            case Unpublish:
                content.Unpublish(nowUtc);
                return "Unpublished";
            default:
                return content.Status == PublishStatus.Draft ? "Saved draft" : "Updated";
        }
    }

    public static string Message(PublishableContent content, string note, BlogDates dates) => note switch
    {
        "Published" => $"Published “{content.Title}”.",
        "Scheduled" => $"Scheduled “{content.Title}” for {dates.FormatDate(content.PublishedAtUtc!.Value)} at {dates.ToLocal(content.PublishedAtUtc.Value):HH:mm}.",
        "Unpublished" => $"Unpublished “{content.Title}”: readers no longer see it.",
        "Updated" => $"Updated “{content.Title}”; readers see the changes now.",
        _ => $"Saved the draft of “{content.Title}”.",
    };
}
