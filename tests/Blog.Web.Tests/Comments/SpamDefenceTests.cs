using System.Net;
using Blog.Web.Comments;
using Blog.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Blog.Web.Tests.Comments;

/// <summary>Each spam defence on its own: honeypot, fill time, forged token, cross-site posts, rate limit, links, blocked words, holding.</summary>
public sealed class SpamDefenceTests : IClassFixture<SpamDefenceTests.App>
{
    private readonly App app;

    public SpamDefenceTests(App app)
    {
        this.app = app;
        app.UpdateCommentSettingsAsync(CommentClient.Reset).GetAwaiter().GetResult();
    }

    /// <summary>One app for the class (each test starts from the default settings), with one post to comment on.</summary>
    public sealed class App : BlogFactory
    {
        public App()
        {
            // The test server has no client address: this stands in for the one a real connection (or nginx) gives.
            ExtraServices = services => services.AddSingleton<IStartupFilter>(new ClientAddressFromHeader());
            this.AddPostAsync("Target").GetAwaiter().GetResult();
        }
    }

    private async Task<(HttpResponseMessage Response, Comment? Saved)> SendAsync(
        Dictionary<string, string> fields, TimeSpan? fillTime = null, HttpClient? reader = null, string pageUrl = "/blog/target")
    {
        var before = (await app.CommentsAsync()).Count;
        var response = await app.CommentAsync(reader ?? app.CreateReader(), pageUrl, fields, fillTime);
        var after = await app.CommentsAsync();
        return (response, after.Count > before ? after[^1] : null);
    }

    private async Task ApproveEmailAsync(string email)
    {
        var (_, saved) = await SendAsync(CommentClient.Fields("Hello.", email: email));
        await app.SetStatusAsync(saved!.Id, CommentStatus.Approved);
    }

    [Fact]
    public async Task A_filled_honeypot_is_spam_though_the_sender_is_told_it_waits()
    {
        var fields = CommentClient.Fields("Great post!");
        fields["Input.Homepage"] = "http://spam.example";

        var (response, saved) = await SendAsync(fields);

        Assert.Equal("/blog/target#comment-held", response.Headers.Location!.ToString());
        Assert.Equal(CommentStatus.Spam, saved!.Status);
    }

    [Fact]
    public async Task A_form_sent_faster_than_a_person_can_write_is_refused_and_shown_again()
    {
        // A page rendered just now (a page kept for hours carries its render time: the check then only bounds from below).
        await app.AddPostAsync("Fresh");
        var (response, saved) = await SendAsync(CommentClient.Fields("Instant."), fillTime: TimeSpan.Zero, pageUrl: "/blog/fresh");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("very quick", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(saved);
    }

    [Fact]
    public async Task A_forged_token_or_one_for_another_post_is_refused()
    {
        await app.AddPostAsync("Other");
        var other = await app.CreateReader().GetDocumentAsync("/blog/other");
        var foreignToken = other.QuerySelector("input[name='Input.Token']")!.GetAttribute("value")!;

        foreach (var token in new[] { "1.999.forged", foreignToken, "" })
        {
            var fields = CommentClient.Fields("Forged.");
            fields["Input.Token"] = token;
            var (response, saved) = await SendAsync(fields);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Null(saved);
        }
    }

    [Fact]
    public async Task A_stale_form_is_shown_again_with_a_fresh_token_and_the_text_kept()
    {
        var (response, saved) = await SendAsync(CommentClient.Fields("From an old tab."), fillTime: TimeSpan.FromDays(31));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = Html.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("From an old tab.", page.QuerySelector("#comment-text")!.TextContent.Trim());
        Assert.Null(saved);

        var again = await app.CreateReader().SubmitFormAsync(page, "/blog/target/comments", new Dictionary<string, string>(), "#comment-form");
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode); // too quick: the fresh token was made just now
        app.Clock.Advance(TimeSpan.FromSeconds(15));
        var later = await app.CreateReader().SubmitFormAsync(page, "/blog/target/comments", new Dictionary<string, string>(), "#comment-form");
        Assert.Equal(HttpStatusCode.Redirect, later.StatusCode);
    }

    [Theory]
    [InlineData("https://evil.example", null)]
    [InlineData(null, "cross-site")]
    [InlineData("null", null)]
    public async Task A_post_from_another_site_is_refused(string? origin, string? fetchSite)
    {
        var reader = app.CreateReader();
        if (origin is not null)
        {
            reader.DefaultRequestHeaders.Add("Origin", origin);
        }

        if (fetchSite is not null)
        {
            reader.DefaultRequestHeaders.Add("Sec-Fetch-Site", fetchSite);
        }

        var (response, saved) = await SendAsync(CommentClient.Fields("Via another site."), reader: reader);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(saved);
    }

    [Fact]
    public async Task A_post_from_the_blogs_own_page_passes_the_same_site_check()
    {
        var reader = app.CreateReader();
        reader.DefaultRequestHeaders.Add("Origin", "http://localhost");
        reader.DefaultRequestHeaders.Add("Sec-Fetch-Site", "same-origin");

        var (response, saved) = await SendAsync(CommentClient.Fields("From here."), reader: reader);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.NotNull(saved);
    }

    [Fact]
    public async Task One_address_may_send_only_so_many_comments_an_hour_and_no_raw_address_is_kept()
    {
        await app.UpdateCommentSettingsAsync(s => s.MaxPerAddressPerHour = 2);
        var reader = app.CreateReader();
        reader.DefaultRequestHeaders.Add(ClientAddressFromHeader.Header, "203.0.113.9");
        var other = app.CreateReader();
        other.DefaultRequestHeaders.Add(ClientAddressFromHeader.Header, "198.51.100.7");

        var first = await SendAsync(CommentClient.Fields("1"), reader: reader);
        await SendAsync(CommentClient.Fields("2"), reader: reader);
        var third = await SendAsync(CommentClient.Fields("3"), reader: reader);
        var elsewhere = await SendAsync(CommentClient.Fields("4"), reader: other);
        app.Clock.Advance(TimeSpan.FromHours(1));
        var nextHour = await SendAsync(CommentClient.Fields("5"), reader: reader);

        Assert.Equal(HttpStatusCode.TooManyRequests, third.Response.StatusCode);
        Assert.Null(third.Saved);
        Assert.NotNull(elsewhere.Saved);
        Assert.NotNull(nextHour.Saved);
        Assert.DoesNotContain("203.0.113.9", first.Saved!.IpHash, StringComparison.Ordinal);
        Assert.NotEqual(first.Saved.IpHash, elsewhere.Saved!.IpHash);
    }

    [Fact]
    public async Task More_links_than_allowed_hold_even_a_known_readers_comment()
    {
        await ApproveEmailAsync("known@example.com");
        await app.UpdateCommentSettingsAsync(s => s.MaxLinks = 2);

        var (_, fewLinks) = await SendAsync(CommentClient.Fields("See https://a.example and https://b.example", email: "known@example.com"));
        var (_, manyLinks) = await SendAsync(CommentClient.Fields("https://a.example https://b.example [c](https://c.example)", email: "known@example.com"));

        Assert.Equal(CommentStatus.Approved, fewLinks!.Status);
        Assert.Equal(CommentStatus.Held, manyLinks!.Status);
    }

    [Fact]
    public async Task A_blocked_word_anywhere_in_the_comment_makes_it_spam()
    {
        await app.UpdateCommentSettingsAsync(s => s.BlockedWords = "casino\ncheap pills");

        var (_, inText) = await SendAsync(CommentClient.Fields("Try our CASINO"));
        var (_, inName) = await SendAsync(CommentClient.Fields("Nice", name: "Cheap Pills Shop"));
        var (_, clean) = await SendAsync(CommentClient.Fields("A thoughtful remark."));

        Assert.Equal(CommentStatus.Spam, inText!.Status);
        Assert.Equal(CommentStatus.Spam, inName!.Status);
        Assert.Equal(CommentStatus.Held, clean!.Status);
    }

    [Fact]
    public async Task Hold_every_comment_holds_even_a_known_reader()
    {
        await ApproveEmailAsync("regular@example.com");
        var (_, before) = await SendAsync(CommentClient.Fields("Shown at once.", email: "REGULAR@example.com"));
        await app.UpdateCommentSettingsAsync(s => s.HoldEvery = true);

        var (_, after) = await SendAsync(CommentClient.Fields("Now held.", email: "regular@example.com"));

        Assert.Equal(CommentStatus.Approved, before!.Status);
        Assert.Equal(CommentStatus.Held, after!.Status);
    }

    /// <summary>Sets the connection's client address from a test header, before anything else runs.</summary>
    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public const string Header = "X-Test-Client-Address";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[Header].ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
