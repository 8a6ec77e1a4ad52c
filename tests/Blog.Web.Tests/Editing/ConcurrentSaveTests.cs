using System.Net;
using Blog.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Tests.Editing;

/// <summary>
/// A browser does this when the author presses Save within the editor's autosave delay, or double-clicks Save, or
/// keeps two tabs open: autosaves and saves of one post arriving together. Every answer is a success or the designed
/// 409, never a 500, and every acknowledged save is kept, each moving the version once.
/// </summary>
public sealed class ConcurrentSaveTests : IDisposable
{
    private readonly BlogFactory app = new();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task Autosaves_and_saves_of_one_post_racing_each_other_answer_success_or_409_and_lose_no_save()
    {
        var owner = await app.SignInAsOwnerAsync();
        var created = await owner.SubmitFormAsync("/admin/posts/new", new Dictionary<string, string>
        {
            ["Input.Title"] = "Racing", ["Input.Body"] = "First words.", ["action"] = "save",
        }, "#content-editor");
        var editorUrl = created.Headers.Location!.ToString();
        var id = int.Parse(editorUrl.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
        var editor = await owner.GetDocumentAsync(editorUrl);
        var token = editor.QuerySelector("#content-editor input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var saves = Enumerable.Range(0, 12).Select(i => owner.SubmitFormAsync(editor, editorUrl, new Dictionary<string, string>
        {
            ["Input.Body"] = $"Saved text {i}.", ["action"] = "save",
        }, "#content-editor"));
        var autosaves = Enumerable.Range(0, 24).Select(i => owner.PostAsync("/admin/autosave", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Input.Key"] = $"post:{id}", ["Input.Title"] = "Racing",
            ["Input.Body"] = $"Typed {i}.", ["Input.Version"] = "1",
        })));
        var saveAnswers = await Task.WhenAll(saves);
        var autosaveAnswers = await Task.WhenAll(autosaves);

        Assert.All(autosaveAnswers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.All(saveAnswers, a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.Redirect, HttpStatusCode.Conflict }));
        var acknowledged = saveAnswers.Count(a => a.StatusCode == HttpStatusCode.Redirect);
        Assert.Equal(1, acknowledged); // every save was made from the same version: one wins, the others see a conflict
        var (version, revisions, autosaveRows) = await app.WithDbAsync(async (db, _) =>
        {
            var post = await db.Posts.AsNoTracking().SingleAsync(p => p.Id == id);
            return (post.Version, await db.Revisions.CountAsync(r => r.PostId == id), await db.Autosaves.CountAsync());
        });
        Assert.Equal(1 + acknowledged, version);
        Assert.Equal(1 + acknowledged, revisions);
        Assert.True(autosaveRows <= 1, "one autosave row per key, however many arrived together");
    }

    [Fact]
    public async Task New_drafts_saved_together_each_get_a_post_and_a_double_clicked_save_is_refused_not_failed()
    {
        var owner = await app.SignInAsOwnerAsync();
        var editor = await owner.GetDocumentAsync("/admin/posts/new");
        var token = editor.QuerySelector("#content-editor input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var draftKey = editor.QuerySelector("#content-editor input[name='Input.DraftKey']")!.GetAttribute("value")!;

        var distinct = Enumerable.Range(0, 10).Select(i => owner.SubmitFormAsync(editor, "/admin/posts/new", new Dictionary<string, string>
        {
            ["Input.Title"] = $"Draft number {i}", ["Input.Body"] = "Words.", ["action"] = "save",
        }, "#content-editor"));
        var doubleClicked = Enumerable.Range(0, 4).Select(_ => owner.SubmitFormAsync(editor, "/admin/posts/new", new Dictionary<string, string>
        {
            ["Input.Title"] = "Clicked twice", ["Input.Body"] = "Words.", ["action"] = "save",
        }, "#content-editor"));
        var autosaves = Enumerable.Range(0, 10).Select(i => owner.PostAsync("/admin/autosave", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Input.Key"] = $"new-post:{draftKey}", ["Input.Title"] = "Clicked twice",
            ["Input.Body"] = $"Typed {i}.", ["Input.Version"] = "0",
        })));
        var distinctAnswers = await Task.WhenAll(distinct);
        var doubleAnswers = await Task.WhenAll(doubleClicked);
        var autosaveAnswers = await Task.WhenAll(autosaves);

        Assert.All(distinctAnswers, a => Assert.Equal(HttpStatusCode.Redirect, a.StatusCode));
        Assert.All(autosaveAnswers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.All(doubleAnswers, a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.Redirect, HttpStatusCode.OK, HttpStatusCode.Conflict }));
        Assert.Equal(1, doubleAnswers.Count(a => a.StatusCode == HttpStatusCode.Redirect));
        var titles = await app.WithDbAsync(async (db, _) => await db.Posts.Select(p => p.Title).ToListAsync());
        Assert.Equal(11, titles.Count);
        Assert.Single(titles, t => t == "Clicked twice");
    }
}
