using Blog.Web.Comments;
using Blog.Web.Tests.Comments;
using Blog.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Blog.Web.Tests.Browser;

/// <summary>The comment form with its script: sent in place, the new comment (or the note) shown without leaving the page.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CommentBrowserTests(BrowserFixture browser) : IDisposable
{
    private readonly KestrelBlogFactory app = new();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task A_comment_is_sent_in_place_a_reply_goes_under_its_thread_and_a_held_one_shows_the_note()
    {
        var post = await app.AddPostAsync("Talk in place");
        await app.WithDbAsync(async db =>
        {
            db.Comments.Add(new Comment { PostId = post.Id, AuthorName = "Regular", AuthorEmail = "regular@example.com", Text = "First.", Html = "<p>First.</p>", CreatedAtUtc = app.UtcNow, Status = CommentStatus.Approved });
            await db.SaveChangesAsync();
        });
        var page = await browser.Browser.NewPageAsync();
        await page.GotoAsync(app.BaseAddress + "/blog/talk-in-place");
        var url = page.Url;

        await page.Locator(".comment__reply").First.ClickAsync();
        Assert.Equal("Reply to Regular", await page.Locator("#comment-form-title").InnerTextAsync());
        await page.FillAsync("#comment-name", "Regular");
        await page.FillAsync("#comment-email", "regular@example.com");
        await page.FillAsync("#comment-text", "Sent *in place*.");
        app.Clock.Advance(TimeSpan.FromSeconds(15));
        await page.ClickAsync("#comment-submit");

        await page.Locator(".comments__replies .comment__body em").WaitForAsync();
        Assert.Equal(url, page.Url);
        Assert.Equal("in place", await page.Locator(".comments__replies .comment__body em").InnerTextAsync());

        await page.FillAsync("#comment-name", "Stranger");
        await page.FillAsync("#comment-email", "stranger@example.com");
        await page.FillAsync("#comment-text", "Waiting.");
        app.Clock.Advance(TimeSpan.FromSeconds(15));
        await page.ClickAsync("#comment-submit");

        await page.Locator("#comment-sent").WaitForAsync();
        Assert.Contains("awaiting moderation", await page.Locator("#comment-sent").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(url, page.Url);
        Assert.Equal(2, (await app.CommentsAsync()).Count(c => c.Status == CommentStatus.Approved));
    }
}
