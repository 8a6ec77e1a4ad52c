using System.Net;
using Blog.Web.Tests.Infrastructure;

namespace Blog.Web.Tests.Posts;

public sealed class HomePageTests : IDisposable
{
    private readonly BlogFactory app = new();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task Home_lists_published_posts_newest_first_with_their_details()
    {
        await app.UpdateSettingsAsync(s => s.TimeZoneId = "Europe/Paris");
        await app.AddPostAsync("Older walk", app.UtcNow.AddDays(-2), category: "Walks", excerpt: "Along the river.");
        await app.AddPostAsync("Newest walk", new DateTime(2026, 5, 31, 23, 30, 0, DateTimeKind.Utc));

        var home = await app.CreateReader().GetDocumentAsync("/");

        Assert.Equal(["Newest walk", "Older walk"], home.Texts(".post-card__title"));
        var older = home.QuerySelectorAll(".post-card")[1];
        Assert.Contains("Along the river.", older.TextContent, StringComparison.Ordinal);
        Assert.Contains("1 min read", older.TextContent, StringComparison.Ordinal);
        Assert.Equal("Walks", older.QuerySelector(".post-meta__category")!.TextContent);
        // 23:30 UTC on 31 May is already 1 June in Paris: dates are the blog's, not the server's.
        Assert.Equal("1 June 2026", home.QuerySelectorAll(".post-card time")[0].TextContent);
    }

    [Fact]
    public async Task Home_is_paginated_by_the_posts_per_page_setting()
    {
        await app.UpdateSettingsAsync(s => s.PostsPerPage = 2);
        await app.AddDailyPostsAsync(5);
        var reader = app.CreateReader();

        var first = await reader.GetDocumentAsync("/");
        var third = await reader.GetDocumentAsync("/page/3");

        Assert.Equal(["Post 5", "Post 4"], first.Texts(".post-card__title"));
        Assert.Equal("/page/2", first.QuerySelector("a[rel=next]")!.GetAttribute("href"));
        Assert.Null(first.QuerySelector("a[rel=prev]"));
        Assert.Equal(["Post 1"], third.Texts(".post-card__title"));
        Assert.Equal("Page 3 of 3", third.Text(".pager__position"));
        Assert.Null(third.QuerySelector("a[rel=next]"));
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/page/4")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/page/0")).StatusCode);
    }

    [Fact]
    public async Task Drafts_and_future_posts_are_absent_until_their_time()
    {
        await app.AddPostAsync("Published");
        await app.AddPostAsync("A draft", draft: true);
        await app.AddPostAsync("Scheduled", app.UtcNow.AddHours(2));
        var reader = app.CreateReader();

        Assert.Equal(["Published"], (await reader.GetDocumentAsync("/")).Texts(".post-card__title"));

        app.Clock.Advance(TimeSpan.FromHours(2));

        Assert.Equal(["Scheduled", "Published"], (await reader.GetDocumentAsync("/")).Texts(".post-card__title"));
    }

    [Fact]
    public async Task Trashed_posts_disappear_from_the_home_page()
    {
        var post = await app.AddPostAsync("Regretted");
        await app.WithDbAsync(async db =>
        {
            db.Attach(post);
            post.MoveToTrash(app.UtcNow);
            await db.SaveChangesAsync();
        });

        var home = await app.CreateReader().GetDocumentAsync("/");

        Assert.Empty(home.QuerySelectorAll(".post-card"));
        Assert.Equal("Nothing has been published here yet.", home.Text(".empty-state"));
    }
}
