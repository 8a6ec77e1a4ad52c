using System.Net;
using Blog.Web.Comments;
using Blog.Web.Tests.Infrastructure;
using static Blog.Web.Tests.Caching.PageCacheResponses;

namespace Blog.Web.Tests.Comments;

/// <summary>Readers' comments through the real form, without JavaScript: held, shown, threaded, closed, never leaking an email.</summary>
public class CommentFormTests : IClassFixture<BlogFactory>
{
    private readonly BlogFactory app;

    /// <summary>One app for the class; each test has posts of its own and starts from the default settings.</summary>
    public CommentFormTests(BlogFactory app)
    {
        this.app = app;
        app.UpdateCommentSettingsAsync(CommentClient.Reset).GetAwaiter().GetResult();
    }

    [Fact]
    public async Task A_first_comment_is_held_and_the_reader_lands_on_the_post_with_the_awaiting_moderation_note()
    {
        await app.AddPostAsync("Held here");
        var reader = app.CreateReader();

        var response = await app.CommentAsync(reader, "/blog/held-here", CommentClient.Fields("First *thoughts*."));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/blog/held-here#comment-held", response.Headers.Location!.ToString());
        var page = await reader.GetDocumentAsync("/blog/held-here");
        Assert.NotNull(page.QuerySelector("#comment-held"));
        Assert.Empty(page.QuerySelectorAll(".comments__list .comment"));
        var comment = (await app.CommentsAsync())[^1];
        Assert.Equal((CommentStatus.Held, "<p>First <em>thoughts</em>.</p>"), (comment.Status, comment.Html.Trim()));
    }

    [Fact]
    public async Task Once_approved_a_readers_next_comment_shows_at_once_replies_nest_one_level_and_the_count_is_near_the_title()
    {
        await app.AddPostAsync("Talk");
        var reader = app.CreateReader();
        await app.CommentAsync(reader, "/blog/talk", CommentClient.Fields("One.", email: "Talker@Example.com"));
        var first = (await app.CommentsAsync())[^1];
        await app.SetStatusAsync(first.Id, CommentStatus.Approved);

        var second = await app.CommentAsync(reader, $"/blog/talk/comments/{first.Id}", CommentClient.Fields("Two, to one.", email: "talker@example.com"));
        var secondId = (await app.CommentsAsync())[^1].Id;
        var third = await app.CommentAsync(reader, $"/blog/talk/comments/{secondId}", CommentClient.Fields("Three, to two.", email: "talker@example.com"));
        await app.CommentAsync(reader, "/blog/talk", CommentClient.Fields("Four, on its own.", email: "talker@example.com"));

        Assert.Equal($"/blog/talk#comment-{secondId}", second.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Redirect, third.StatusCode);
        var comments = (await app.CommentsAsync()).Where(c => c.Id >= first.Id).ToList();
        Assert.All(comments, c => Assert.Equal(CommentStatus.Approved, c.Status));
        Assert.Equal([null, first.Id, first.Id, null], comments.Select(c => c.ParentId)); // a reply to a reply answers the thread's first comment

        var page = await reader.GetDocumentAsync("/blog/talk");
        Assert.Equal(2, page.QuerySelectorAll(".comments__list > .comments__thread").Length);
        Assert.Equal(["Two, to one.", "Three, to two."], page.Texts(".comments__replies .comment__body"));
        Assert.Equal("4 comments", page.Text(".post__header .post-meta__comments"));
        Assert.Equal("4 comments", page.Text("#comments-title"));
    }

    [Fact]
    public async Task The_authors_reply_from_the_dashboard_is_marked_as_hers_and_approves_what_it_answers()
    {
        await app.AddPostAsync("Asked");
        var reader = app.CreateReader();
        await app.CommentAsync(reader, "/blog/asked", CommentClient.Fields("A question?", email: "asker@example.com"));
        var question = (await app.CommentsAsync())[^1];
        var owner = await OwnerAsync();

        var held = int.Parse((await owner.GetDocumentAsync("/admin/comments")).Text("#held-count"), System.Globalization.CultureInfo.InvariantCulture);
        var replied = await owner.SubmitFormAsync($"/admin/comments/{question.Id}", new Dictionary<string, string> { ["Reply.Text"] = "An **answer**." }, "#reply-form");

        Assert.True(HttpStatusCode.Redirect == replied.StatusCode, await replied.Content.ReadAsStringAsync());
        var page = await reader.GetDocumentAsync("/blog/asked");
        Assert.Equal(["A question?"], page.Texts(".comments__thread > .comment .comment__body"));
        Assert.Equal("Author", page.Text(".comments__replies .comment--owner .comment__badge"));
        var after = (await owner.GetDocumentAsync("/admin/comments")).QuerySelector("#held-count")?.TextContent ?? "0";
        Assert.Equal(held - 1, int.Parse(after, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task An_email_never_appears_in_a_page_a_feed_or_the_comment_form_page()
    {
        await app.AddPostAsync("Private");
        var reader = app.CreateReader();
        await app.CommentAsync(reader, "/blog/private", CommentClient.Fields("Hello.", email: "secret.person@example.org", website: "example.org/me"));
        var id = (await app.CommentsAsync())[^1].Id;
        await app.SetStatusAsync(id, CommentStatus.Approved);

        foreach (var url in new[] { "/blog/private", "/blog/private/comments", $"/blog/private/comments/{id}", "/feed/rss", "/feed/atom", "/", "/sitemap.xml" })
        {
            var body = await (await reader.GetAsync(url)).Content.ReadAsStringAsync();
            Assert.DoesNotContain("secret.person", body, StringComparison.OrdinalIgnoreCase);
        }

        var link = (await reader.GetDocumentAsync("/blog/private")).QuerySelector(".comment__author")!;
        Assert.Equal(("https://example.org/me", "nofollow ugc noopener"), (link.GetAttribute("href"), link.GetAttribute("rel")));
    }

    [Fact]
    public async Task Markdown_in_a_comment_is_light_and_sanitized()
    {
        await app.AddPostAsync("Tricks");
        var reader = app.CreateReader();
        await app.CommentAsync(reader, "/blog/tricks", CommentClient.Fields(
            "> quoted\n\n`code` and [site](https://example.com) and [bad](javascript:alert(1))\n\n<script>alert(1)</script><img src=x onerror=alert(1)>\n\n# Not a heading"));

        var html = (await app.CommentsAsync())[^1].Html;

        Assert.Contains("<blockquote>", html, StringComparison.Ordinal);
        Assert.Contains("<code>code</code>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://example.com\" rel=\"nofollow ugc\">site</a>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<h1", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_comment_comes_back_with_the_reason_and_the_text_kept()
    {
        await app.AddPostAsync("Careful");
        var reader = app.CreateReader();

        var before = (await app.CommentsAsync()).Count;
        var missingEmail = await app.CommentAsync(reader, "/blog/careful", CommentClient.Fields("Kept text.", email: ""));

        Assert.Equal(HttpStatusCode.BadRequest, missingEmail.StatusCode);
        var page = Html.Parse(await missingEmail.Content.ReadAsStringAsync());
        Assert.Contains("Please give your email", page.Text("#comment-errors"), StringComparison.Ordinal);
        Assert.Equal("Kept text.", page.QuerySelector("#comment-text")!.TextContent.Trim());
        Assert.Equal(before, (await app.CommentsAsync()).Count);
    }

    [Fact]
    public async Task Comments_close_on_one_post_everywhere_or_after_some_days()
    {
        var closed = await app.AddPostAsync("Closed one");
        await app.WithDbAsync(async db =>
        {
            (await db.Posts.FindAsync(closed.Id))!.CommentsClosed = true;
            await db.SaveChangesAsync();
        });
        await app.AddPostAsync("Old one", app.UtcNow.AddDays(-40));
        await app.AddPostAsync("New one");
        var reader = app.CreateReader();
        var form = await reader.GetDocumentAsync("/blog/new-one");
        var before = (await app.CommentsAsync()).Count;

        Assert.NotNull((await reader.GetDocumentAsync("/blog/closed-one")).QuerySelector("#comments-closed"));
        Assert.Null((await reader.GetDocumentAsync("/blog/closed-one")).QuerySelector("#comment-form"));
        await app.UpdateCommentSettingsAsync(s => s.CloseAfterDays = 30);
        Assert.NotNull((await reader.GetDocumentAsync("/blog/old-one")).QuerySelector("#comments-closed"));
        Assert.NotNull((await reader.GetDocumentAsync("/blog/new-one")).QuerySelector("#comment-form"));
        await app.UpdateCommentSettingsAsync(s => s.ClosedEverywhere = true);
        Assert.NotNull((await reader.GetDocumentAsync("/blog/new-one")).QuerySelector("#comments-closed"));

        // A form left open in a tab from before the closing is refused.
        app.Clock.Advance(TimeSpan.FromSeconds(15));
        var late = await reader.SubmitFormAsync(form, "/blog/new-one", CommentClient.Fields("Too late?"), "#comment-form");
        Assert.Equal(HttpStatusCode.Forbidden, late.StatusCode);
        Assert.Contains("Comments are closed", await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, (await app.CommentsAsync()).Count);
    }

    [Fact]
    public async Task Comments_imported_from_the_old_blog_are_shown_with_their_dates_authors_and_threading()
    {
        var post = await app.AddPostAsync("Imported talk");
        await app.WithDbAsync(async db =>
        {
            var first = new Comment { PostId = post.Id, AuthorName = "Old Reader", Text = "Line one\nline two\n\nSecond <b>para</b>", CreatedAtUtc = new DateTime(2019, 5, 1, 0, 0, 0, DateTimeKind.Utc), Status = CommentStatus.Approved, OriginalId = "7" };
            db.Comments.Add(first);
            db.Comments.Add(new Comment { PostId = post.Id, Parent = first, AuthorName = "Old Author", Text = "Thanks", CreatedAtUtc = new DateTime(2019, 5, 2, 0, 0, 0, DateTimeKind.Utc), Status = CommentStatus.Approved, IsOwner = true });
            await db.SaveChangesAsync();
        });

        var page = await app.CreateReader().GetDocumentAsync("/blog/imported-talk");

        Assert.Equal(["Old Reader"], page.Texts(".comments__thread > .comment .comment__author"));
        Assert.Equal("1 May 2019", page.Text(".comments__thread > .comment time"));
        Assert.Contains("<p>Line one<br>", page.QuerySelector(".comments__thread > .comment .comment__body")!.InnerHtml, StringComparison.Ordinal);
        Assert.Equal(["Old Author"], page.Texts(".comments__replies .comment__author"));
    }

    [Fact]
    public async Task The_script_gets_the_new_comment_as_a_fragment_to_show_in_place()
    {
        await app.AddPostAsync("In place");
        await app.WithDbAsync(async db =>
        {
            var post = db.Posts.Single(p => p.Slug == "in-place");
            db.Comments.Add(new Comment { PostId = post.Id, AuthorName = "Known", AuthorEmail = "known@example.com", Text = "Before", Html = "<p>Before</p>", CreatedAtUtc = app.UtcNow, Status = CommentStatus.Approved });
            await db.SaveChangesAsync();
        });
        var reader = app.CreateReader();
        reader.DefaultRequestHeaders.Add("X-Comment-Form", "fetch");

        var shown = await app.CommentAsync(reader, "/blog/in-place", CommentClient.Fields("Right away.", email: "known@example.com"));
        var held = await app.CommentAsync(reader, "/blog/in-place", CommentClient.Fields("Waits.", email: "stranger@example.com"));

        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.StartsWith("<article class=\"comment\"", (await shown.Content.ReadAsStringAsync()).Trim(), StringComparison.Ordinal);
        Assert.Contains("awaiting moderation", await held.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_held_comment_evicts_no_kept_page_and_an_approval_evicts_only_its_posts_page()
    {
        await app.AddPostAsync("Cached A");
        await app.AddPostAsync("Cached B");
        var reader = app.CreateReader();
        var form = await reader.GetDocumentAsync("/blog/cached-a");
        foreach (var url in new[] { "/blog/cached-a", "/blog/cached-b", "/" })
        {
            await reader.GetAsync(url);
        }

        app.Clock.Advance(TimeSpan.FromSeconds(15));
        await reader.SubmitFormAsync(form, "/blog/cached-a", CommentClient.Fields("Held.", email: "cache-tester@example.com"), "#comment-form");
        Assert.True(FromCache(await reader.GetAsync("/blog/cached-a")));
        Assert.True(FromCache(await reader.GetAsync("/blog/cached-b")));

        var owner = await OwnerAsync();
        var id = (await app.CommentsAsync())[^1].Id;
        var approved = await owner.SubmitFormAsync("/admin/comments", new Dictionary<string, string> { ["Ids"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture) }, "#moderation-form", "#bulk-approve");
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);

        var a = await reader.GetAsync("/blog/cached-a");
        Assert.False(FromCache(a));
        Assert.Contains("Held.", await a.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(FromCache(await reader.GetAsync("/blog/cached-b")));
        Assert.True(FromCache(await reader.GetAsync("/")));
    }

    /// <summary>The owner, signed in (the account is made by the first test that needs it).</summary>
    private async Task<HttpClient> OwnerAsync()
    {
        var exists = await app.WithDbAsync(async (db, _) => await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.Users));
        return await app.SignInAsOwnerAsync(createOwner: !exists);
    }
}

/// <summary>The same tests on PostgreSQL (one app for the class; the base class's SQLite fixture is made but never started).</summary>
public sealed class CommentFormTestsOnPostgreSql(PostgresBlogFactory app) : CommentFormTests(app), IClassFixture<PostgresBlogFactory>;
