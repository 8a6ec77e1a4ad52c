using AngleSharp.Dom;
using Blog.Web.Comments;
using Blog.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Tests.Comments;

/// <summary>A reader filling in a post's comment form (as a browser without JavaScript does), and the database's view of it.</summary>
internal static class CommentClient
{
    public static Dictionary<string, string> Fields(string text, string name = "Ann Reader", string email = "ann@example.com", string? website = null)
    {
        var fields = new Dictionary<string, string> { ["Input.Name"] = name, ["Input.Email"] = email, ["Input.Text"] = text };
        if (website is not null)
        {
            fields["Input.Website"] = website;
        }

        return fields;
    }

    /// <summary>Loads the post (or another page with the form), takes a few seconds as a person would, and sends the form.</summary>
    public static async Task<HttpResponseMessage> CommentAsync(
        this BlogFactory app, HttpClient reader, string pageUrl, Dictionary<string, string> fields, TimeSpan? fillTime = null)
    {
        var page = await reader.GetDocumentAsync(pageUrl);
        app.Clock.Advance(fillTime ?? TimeSpan.FromSeconds(15));
        return await reader.SubmitFormAsync(page, pageUrl, fields, "#comment-form");
    }

    public static Task<List<Comment>> CommentsAsync(this BlogFactory app) =>
        app.WithDbAsync(async (db, _) => await db.Comments.AsNoTracking().OrderBy(c => c.Id).ToListAsync());

    public static Task UpdateCommentSettingsAsync(this BlogFactory app, Action<CommentSettings> change) =>
        app.WithDbAsync(async db =>
        {
            change(await db.CommentSettingsAsync(CancellationToken.None));
            await db.SaveChangesAsync();
        });

    /// <summary>The settings a new blog starts with.</summary>
    public static void Reset(CommentSettings s) =>
        (s.HoldEvery, s.ClosedEverywhere, s.CloseAfterDays, s.MaxLinks, s.MaxPerAddressPerHour, s.BlockedWords, s.AkismetKey) = (false, false, 0, 2, 5, null, null);

    public static Task SetStatusAsync(this BlogFactory app, int commentId, CommentStatus status) =>
        app.WithDbAsync(async db =>
        {
            (await db.Comments.SingleAsync(c => c.Id == commentId)).Status = status;
            await db.SaveChangesAsync();
        });

    public static IReadOnlyList<string> Authors(this IDocument page, string selector = ".comments__list .comment__author") => page.Texts(selector);
}
