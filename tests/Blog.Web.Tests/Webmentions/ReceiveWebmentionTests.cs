using System.Globalization;
using System.Net;
using Blog.Web.Comments;
using Blog.Web.Tests.Comments;
using Blog.Web.Tests.Infrastructure;
using Blog.Web.Webmentions;
using static Blog.Web.Tests.Caching.PageCacheResponses;

namespace Blog.Web.Tests.Webmentions;

/// <summary>Receiving webmentions: the endpoint and its quick checks, then the background check of the source, served by a real local stand-in site.</summary>
public class ReceiveWebmentionTests : IAsyncLifetime
{
    private readonly bool postgreSql;
    private const string Target = "http://localhost/blog/talked-about";
    private BlogFactory app = default!;
    private StandInSite site = default!;

    public ReceiveWebmentionTests()
        : this(postgreSql: false)
    {
    }

    /// <summary>The same tests on another provider (ReceiveWebmentionTestsOnPostgreSql).</summary>
    protected ReceiveWebmentionTests(bool postgreSql) => this.postgreSql = postgreSql;

    public async Task InitializeAsync()
    {
        site = await StandInSite.StartAsync();
        app = WebmentionTesting.CreateApp(postgreSql: postgreSql);
        await app.AddPostAsync("Talked about");
        await app.AddPostAsync("Quiet one");
    }

    public async Task DisposeAsync()
    {
        app.Dispose();
        await site.DisposeAsync();
    }

    [Fact]
    public async Task A_post_page_advertises_the_endpoint_by_header_and_link_also_from_the_page_cache_and_not_when_turned_off()
    {
        var reader = app.CreateReader();
        var first = await reader.GetAsync("/blog/talked-about");
        var kept = await reader.GetAsync("/blog/talked-about");

        Assert.True(FromCache(kept));
        foreach (var response in new[] { first, kept })
        {
            Assert.Contains("<http://localhost/webmention>; rel=\"webmention\"", response.Headers.GetValues("Link"));
            var page = Html.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal("http://localhost/webmention", page.QuerySelector("head link[rel=webmention]")?.GetAttribute("href"));
        }

        await app.UpdateCommentSettingsAsync(s => s.Webmentions = false);
        var off = await reader.GetAsync("/blog/talked-about");
        Assert.False(off.Headers.Contains("Link"));
        Assert.Null(Html.Parse(await off.Content.ReadAsStringAsync()).QuerySelector("link[rel=webmention]"));
        Assert.Equal(HttpStatusCode.BadRequest, (await reader.SendWebmentionAsync(site.Url("/reply"), Target)).StatusCode);
        await app.UpdateCommentSettingsAsync(s => s.Webmentions = true);

        await app.UpdateCommentSettingsAsync(s => s.ClosedEverywhere = true);
        Assert.False((await reader.GetAsync("/blog/talked-about")).Headers.Contains("Link"));
        var closed = await reader.SendWebmentionAsync(site.Url("/reply"), Target);
        Assert.Equal(HttpStatusCode.BadRequest, closed.StatusCode);
        Assert.Contains("closed", await closed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not a url", Target, "source must be")]
    [InlineData("ftp://bea.example/x", Target, "source must be")]
    [InlineData("http://bea.example/x", "/blog/talked-about", "target must be")]
    [InlineData("http://bea.example/x", "javascript:alert(1)", "target must be")]
    [InlineData(Target, Target, "must be different")]
    [InlineData("http://bea.example/x", "http://localhost/blog/no-such-post", "not a published post")]
    [InlineData("http://bea.example/x", "http://elsewhere.example/blog/talked-about", "not a published post")]
    [InlineData("http://bea.example/x", "http://localhost/blog/a-draft", "not a published post")]
    [InlineData("http://bea.example/x", "http://localhost/archive", "not a published post")]
    public async Task Bad_sources_and_targets_are_refused_with_400_and_a_plain_message(string source, string target, string message)
    {
        await app.AddPostAsync("A draft", draft: true);
        var answer = await app.CreateReader().SendWebmentionAsync(source, target);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Equal("text/plain", answer.Content.Headers.ContentType?.MediaType);
        Assert.Contains(message, await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await app.ReceivedAsync());
    }

    [Fact]
    public async Task A_request_that_is_not_a_form_is_a_400_never_a_500_and_an_old_address_is_a_valid_target()
    {
        var reader = app.CreateReader();
        var json = await reader.PostAsync("/webmention", new StringContent("{\"source\":\"x\"}", System.Text.Encoding.UTF8, "application/json"));
        var empty = await reader.PostAsync("/webmention", new FormUrlEncodedContent([]));
        var huge = await reader.PostAsync("/webmention", new FormUrlEncodedContent(new Dictionary<string, string> { ["source"] = new string('a', 20_000), ["target"] = Target }));
        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);

        await app.WithDbAsync(async db =>
        {
            db.Redirects.Add(new Blog.Web.Addresses.Redirect("/2019/05/talked-about.html", "/blog/talked-about", app.UtcNow));
            await db.SaveChangesAsync();
        });
        var old = await reader.SendWebmentionAsync(site.Url("/reply"), "http://localhost/2019/05/talked-about.html");
        Assert.Equal(HttpStatusCode.Accepted, old.StatusCode);
        Assert.Equal("talked-about", await app.WithDbAsync(async (db, _) => (await db.Posts.FindAsync((await app.ReceivedAsync()).Single().PostId))!.Slug));
    }

    [Fact]
    public async Task A_reply_a_like_and_a_mention_are_held_then_shown_under_the_post_by_kind_once_approved()
    {
        site.Pages["/reply"] = ("text/html", WebmentionTesting.Entry(Target, "u-in-reply-to", "Bea Blogger", "I see it differently."), null);
        site.Pages["/like"] = ("text/html", WebmentionTesting.Entry(Target, "u-like-of", "Carl Liker"), null);
        site.Pages["/mention"] = ("text/html", $"<html><head><title>Links of the week</title></head><body><p>Read <a href=\"/blog/talked-about\">this</a>.</p></body></html>", null);
        site.Pages["/mention"] = ("text/html", site.Pages["/mention"].Body.Replace("/blog/talked-about", Target, StringComparison.Ordinal), null);
        var reader = app.CreateReader();
        foreach (var path in new[] { "/reply", "/like", "/mention" })
        {
            var answer = await reader.SendWebmentionAsync(site.Url(path), Target);
            Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        }

        await app.ProcessWebmentionsAsync();

        var mentions = await app.MentionsAsync();
        Assert.Equal([CommentKind.Reply, CommentKind.Like, CommentKind.Mention], mentions.Select(m => m.Kind));
        Assert.All(mentions, m => Assert.Equal(CommentStatus.Held, m.Status));
        Assert.Equal(["Bea Blogger", "Carl Liker", "127.0.0.1"], mentions.Select(m => m.AuthorName));
        Assert.Equal("https://bea.example/", mentions[0].AuthorUrl);
        Assert.Equal("I see it differently.", mentions[0].Text);
        Assert.Equal("Links of the week", mentions[2].Text);
        Assert.Equal(new DateTime(2026, 5, 30, 10, 0, 0, DateTimeKind.Utc), mentions[0].CreatedAtUtc);
        Assert.DoesNotContain("Bea Blogger", await (await reader.GetAsync("/blog/talked-about")).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var owner = await app.SignInAsOwnerAsync();
        var queue = await owner.GetDocumentAsync("/admin/comments");
        Assert.Contains("webmention: reply from " + site.Url("/reply"), queue.Text($"#webmention-{mentions[0].Id}"), StringComparison.Ordinal);
        var fields = new FormUrlEncodedContent(mentions.Select(m => new KeyValuePair<string, string>("Ids", m.Id.ToString(CultureInfo.InvariantCulture))));
        var form = queue.QuerySelector("#moderation-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var approved = await owner.PostAsync("/admin/comments?status=held", new FormUrlEncodedContent(
            mentions.Select(m => new KeyValuePair<string, string>("Ids", m.Id.ToString(CultureInfo.InvariantCulture)))
                .Append(new("action", "approve")).Append(new("__RequestVerificationToken", form))));
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);

        var page = await reader.GetDocumentAsync("/blog/talked-about");
        Assert.Equal(["Bea Blogger"], page.Authors());
        Assert.Equal("via 127.0.0.1", page.Text($"#comment-{mentions[0].Id} .comment__via"));
        Assert.Equal("nofollow ugc noopener", page.QuerySelector($"#comment-{mentions[0].Id} .comment__via a")!.GetAttribute("rel"));
        Assert.Equal(site.Url("/reply"), page.QuerySelector($"#comment-{mentions[0].Id} .comment__via a")!.GetAttribute("href"));
        Assert.StartsWith("1 like:", page.Text("#likes"), StringComparison.Ordinal);
        Assert.Equal("https://bea.example/", page.QuerySelector($"#reaction-{mentions[1].Id}")!.GetAttribute("href"));
        Assert.Contains("Links of the week", page.Text($"#mention-{mentions[2].Id}"), StringComparison.Ordinal);
        Assert.Equal("1 comment", page.Text("#comments-title"));
    }

    [Fact]
    public async Task A_source_that_does_not_link_to_the_post_is_rejected()
    {
        site.Pages["/nolink"] = ("text/html", "<html><body><a href=\"http://localhost/blog/quiet-one\">another post</a> <a href=\"http://localhost/blog/talked-about-more\">near</a></body></html>", null);

        await app.CreateReader().SendWebmentionAsync(site.Url("/nolink"), Target);
        await app.ProcessWebmentionsAsync();

        var row = Assert.Single(await app.ReceivedAsync());
        Assert.Equal((WebmentionState.Failed, "the source does not link to the post"), (row.State, row.Outcome));
        Assert.Empty(await app.MentionsAsync());
        Assert.Contains("/nolink", site.Requests);
    }

    [Fact]
    public async Task A_source_on_a_private_address_is_refused_by_the_address_guard()
    {
        using var guarded = WebmentionTesting.CreateApp(allowPrivate: false, postgreSql: postgreSql);
        await guarded.AddPostAsync("Talked about");
        site.Pages["/private"] = ("text/html", WebmentionTesting.Entry(Target, "u-in-reply-to"), null);

        var answer = await guarded.CreateReader().SendWebmentionAsync(site.Url("/private"), Target);
        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        await guarded.ProcessWebmentionsAsync();

        var row = Assert.Single(await guarded.ReceivedAsync());
        Assert.Equal((WebmentionState.Failed, "source refused: a private or local address"), (row.State, row.Outcome));
        Assert.DoesNotContain("/private", site.Requests); // the guard refused the connection itself
        Assert.Empty(await guarded.MentionsAsync());
    }

    [Fact]
    public async Task A_too_large_source_is_rejected_without_being_read_to_the_end()
    {
        await app.CreateReader().SendWebmentionAsync(site.Url("/huge"), Target);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await app.ProcessWebmentionsAsync();
        var (elapsed, written) = (clock.Elapsed, Interlocked.Read(ref site.HugeBytesSent));

        var row = Assert.Single(await app.ReceivedAsync());
        Assert.Equal((WebmentionState.Failed, "source refused: larger than 1048576 bytes"), (row.State, row.Outcome));
        Assert.True(elapsed < TimeSpan.FromSeconds(5), $"took {elapsed}: the whole page takes ten seconds to send");
        Assert.InRange(written, 1024 * 1024, StandInSite.HugeSize / 4);
    }

    [Fact]
    public async Task An_update_without_the_link_removes_the_mention_and_a_source_gone_410_removes_it_too()
    {
        site.Pages["/changing"] = ("text/html", WebmentionTesting.Entry(Target, "u-in-reply-to", "Dana", "First thoughts."), null);
        var reader = app.CreateReader();
        await reader.SendWebmentionAsync(site.Url("/changing"), Target);
        await app.ProcessWebmentionsAsync();
        var stored = Assert.Single(await app.MentionsAsync());
        await app.SetStatusAsync(stored.Id, CommentStatus.Approved);
        Assert.Contains("First thoughts.", await reader.GetStringAsync("/blog/talked-about"), StringComparison.Ordinal);

        // Edited at the source: the same mention changes (no second one).
        site.Pages["/changing"] = ("text/html", WebmentionTesting.Entry(Target, "u-in-reply-to", "Dana", "Second thoughts."), null);
        await reader.SendWebmentionAsync(site.Url("/changing"), Target);
        await app.ProcessWebmentionsAsync();
        var updated = Assert.Single(await app.MentionsAsync());
        Assert.Equal((stored.Id, "Second thoughts.", CommentStatus.Approved), (updated.Id, updated.Text, updated.Status));
        Assert.Contains("Second thoughts.", await reader.GetStringAsync("/blog/talked-about"), StringComparison.Ordinal);

        // The link taken out: the mention goes, and the kept page with it.
        site.Pages["/changing"] = ("text/html", "<html><body><p>Nothing to see.</p></body></html>", null);
        await reader.SendWebmentionAsync(site.Url("/changing"), Target);
        await app.ProcessWebmentionsAsync();
        Assert.Empty(await app.MentionsAsync());
        Assert.Equal("the source no longer links to the post: its mention was removed", (await app.ReceivedAsync())[^1].Outcome);
        Assert.DoesNotContain("Second thoughts.", await reader.GetStringAsync("/blog/talked-about"), StringComparison.Ordinal);

        // A deleted source (410) takes its mention away as well.
        site.Pages["/later-gone"] = ("text/html", WebmentionTesting.Entry(Target, "u-like-of", "Eve"), null);
        await reader.SendWebmentionAsync(site.Url("/later-gone"), Target);
        await app.ProcessWebmentionsAsync();
        Assert.Single(await app.MentionsAsync());
        await app.WithDbAsync(async db =>
        {
            var like = db.Comments.Single(c => c.SourceUrl != null);
            db.Comments.Remove(like);
            db.Comments.Add(new Comment { PostId = like.PostId, SourceUrl = site.Url("/gone"), Kind = CommentKind.Like, AuthorName = "Eve", CreatedAtUtc = app.UtcNow, Status = CommentStatus.Approved });
            await db.SaveChangesAsync();
        });
        await reader.SendWebmentionAsync(site.Url("/gone"), Target);
        await app.ProcessWebmentionsAsync();
        Assert.Empty(await app.MentionsAsync());
        Assert.Equal((WebmentionState.Done, "the source is gone (410): its mention was removed"), ((await app.ReceivedAsync())[^1].State, (await app.ReceivedAsync())[^1].Outcome));
    }

    [Fact]
    public async Task An_approved_mention_evicts_only_its_posts_page_and_a_held_one_none()
    {
        site.Pages["/evicting"] = ("text/html", WebmentionTesting.Entry(Target, "u-in-reply-to", "Fay", "Cache me."), null);
        var reader = app.CreateReader();
        foreach (var url in new[] { "/blog/talked-about", "/blog/quiet-one", "/" })
        {
            await reader.GetAsync(url);
        }

        await reader.SendWebmentionAsync(site.Url("/evicting"), Target);
        await app.ProcessWebmentionsAsync();
        Assert.True(FromCache(await reader.GetAsync("/blog/talked-about")));

        var id = Assert.Single(await app.MentionsAsync()).Id;
        await app.SetStatusAsync(id, CommentStatus.Approved);

        var evicted = await reader.GetAsync("/blog/talked-about");
        Assert.False(FromCache(evicted));
        Assert.Contains("Cache me.", await evicted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(FromCache(await reader.GetAsync("/blog/quiet-one")));
        Assert.True(FromCache(await reader.GetAsync("/")));
    }

    [Fact]
    public async Task A_site_approved_before_is_shown_at_once_unless_every_comment_is_held()
    {
        site.Pages["/first"] = ("text/html", WebmentionTesting.Entry(Target, "u-in-reply-to", "Gil", "One."), null);
        site.Pages["/second"] = ("text/html", WebmentionTesting.Entry(Target, "u-in-reply-to", "Gil", "Two."), null);
        site.Pages["/third"] = ("text/html", WebmentionTesting.Entry(Target, "u-in-reply-to", "Gil", "Three."), null);
        var reader = app.CreateReader();
        await reader.SendWebmentionAsync(site.Url("/first"), Target);
        await app.ProcessWebmentionsAsync();
        await app.SetStatusAsync((await app.MentionsAsync())[0].Id, CommentStatus.Approved);

        await reader.SendWebmentionAsync(site.Url("/second"), Target);
        await app.ProcessWebmentionsAsync();
        await app.UpdateCommentSettingsAsync(s => s.HoldEvery = true);
        await reader.SendWebmentionAsync(site.Url("/third"), Target);
        await app.ProcessWebmentionsAsync();

        Assert.Equal([CommentStatus.Approved, CommentStatus.Approved, CommentStatus.Held], (await app.MentionsAsync()).Select(m => m.Status));
    }
}

public sealed class ReceiveWebmentionTestsOnPostgreSql() : ReceiveWebmentionTests(postgreSql: true);
