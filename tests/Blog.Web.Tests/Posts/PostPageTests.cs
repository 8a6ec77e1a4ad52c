using System.Net;
using Blog.Web.Tests.Infrastructure;

namespace Blog.Web.Tests.Posts;

public class PostPageTests : IDisposable
{
    private readonly BlogFactory app;

    public PostPageTests()
        : this(new BlogFactory())
    {
    }

    /// <summary>The same tests on another provider (PostPageTestsOnPostgreSql).</summary>
    protected PostPageTests(BlogFactory app) => this.app = app;

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            app.Dispose();
        }
    }

    [Fact]
    public async Task Post_page_shows_the_post_with_its_details()
    {
        await app.UpdateSettingsAsync(s => s.AuthorName = "Ada Photographer");
        await app.AddPostAsync(
            "Light in Lisbon",
            category: "Travel",
            tags: ["Portugal", "Film"],
            body: "## Morning\n\n" + string.Join(' ', Enumerable.Repeat("word", 500)));

        var page = await app.CreateReader().GetDocumentAsync("/blog/light-in-lisbon");

        Assert.Equal("Light in Lisbon", page.Text("h1"));
        Assert.StartsWith("Light in Lisbon", page.Title, StringComparison.Ordinal);
        Assert.Contains("by Ada Photographer", page.Text(".post__header .post-meta"), StringComparison.Ordinal);
        Assert.Contains("3 min read", page.Text(".post__header .post-meta"), StringComparison.Ordinal);
        Assert.Equal("/blog/category/travel", page.QuerySelector(".post-meta__category")!.GetAttribute("href"));
        Assert.Equal(["Film", "Portugal"], page.Texts(".tag-list a"));
        Assert.Equal("morning", page.QuerySelector(".post__body h2")!.Id);
        Assert.Equal("2026-06-01T12:00:00+00:00", page.QuerySelector(".post__header time")!.GetAttribute("datetime"));
    }

    [Fact]
    public async Task Previous_and_next_link_the_neighbouring_posts_by_date()
    {
        await app.AddDailyPostsAsync(3);
        await app.AddPostAsync("Hidden draft", draft: true);
        await app.AddPostAsync("Future", app.UtcNow.AddDays(1));
        var reader = app.CreateReader();

        var oldest = await reader.GetDocumentAsync("/blog/post-1");
        var middle = await reader.GetDocumentAsync("/blog/post-2");
        var newest = await reader.GetDocumentAsync("/blog/post-3");

        Assert.Null(oldest.QuerySelector(".prev-next__previous"));
        Assert.Equal("/blog/post-2", oldest.QuerySelector(".prev-next__next")!.GetAttribute("href"));
        Assert.Equal("Post 1", middle.Text(".prev-next__previous .prev-next__title"));
        Assert.Equal("Post 3", middle.Text(".prev-next__next .prev-next__title"));
        Assert.Equal("Post 2", newest.Text(".prev-next__previous .prev-next__title"));
        Assert.Null(newest.QuerySelector(".prev-next__next"));
    }

    [Fact]
    public async Task Posts_published_at_the_same_moment_still_link_to_each_other()
    {
        var moment = app.UtcNow.AddDays(-1);
        await app.AddPostAsync("Twin one", moment);
        await app.AddPostAsync("Twin two", moment);

        var first = await app.CreateReader().GetDocumentAsync("/blog/twin-one");
        var second = await app.CreateReader().GetDocumentAsync("/blog/twin-two");

        Assert.Equal("Twin two", first.Text(".prev-next__next .prev-next__title"));
        Assert.Equal("Twin one", second.Text(".prev-next__previous .prev-next__title"));
    }

    [Theory]
    [InlineData("a-draft")]
    [InlineData("tomorrow")]
    [InlineData("no-such-post")]
    public async Task Drafts_future_and_unknown_posts_are_404(string slug)
    {
        await app.AddPostAsync("A draft", draft: true);
        await app.AddPostAsync("Tomorrow", app.UtcNow.AddDays(1));

        var response = await app.CreateReader().GetAsync($"/blog/{slug}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("This page isn’t here", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scheduled_post_appears_at_its_time_without_a_restart()
    {
        await app.AddPostAsync("At noon", app.UtcNow.AddMinutes(30));
        var reader = app.CreateReader();
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/blog/at-noon")).StatusCode);

        app.Clock.Advance(TimeSpan.FromMinutes(30));

        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/blog/at-noon")).StatusCode);
    }

    [Fact]
    public async Task Script_in_a_post_body_never_reaches_the_reader()
    {
        await app.AddPostAsync(
            "Sneaky",
            body: "Hello <script>alert(1)</script> <img src=x onerror=\"alert(2)\"> [click](javascript:alert(3)) <iframe src=\"https://evil.example\"></iframe>");

        var html = await (await app.CreateReader().GetAsync("/blog/sneaky")).Content.ReadAsStringAsync();
        var body = Html.Parse(html).QuerySelector(".post__body")!.InnerHtml;

        Assert.DoesNotContain("<script", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", body, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Hello", body, StringComparison.Ordinal);
    }
}

/// <summary>The same tests on PostgreSQL.</summary>
public sealed class PostPageTestsOnPostgreSql() : PostPageTests(new PostgresBlogFactory());
