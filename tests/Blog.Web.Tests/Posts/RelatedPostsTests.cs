using Blog.Web.Tests.Infrastructure;

namespace Blog.Web.Tests.Posts;

public class RelatedPostsTests : IDisposable
{
    private readonly BlogFactory app;

    public RelatedPostsTests()
        : this(new BlogFactory())
    {
    }

    /// <summary>The same tests on another provider (RelatedPostsTestsOnPostgreSql).</summary>
    protected RelatedPostsTests(BlogFactory app) => this.app = app;

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
    public async Task More_to_read_shows_three_posts_most_shared_tags_first_then_category_then_newest_and_never_hidden_ones()
    {
        await app.AddPostAsync("The post", app.UtcNow.AddDays(-10), category: "Walks", tags: ["Sea", "Cliffs", "Birds"]);
        await app.AddPostAsync("One tag, old", app.UtcNow.AddDays(-9), tags: ["Sea"]);
        await app.AddPostAsync("One tag, new", app.UtcNow.AddDays(-2), tags: ["Birds"]);
        await app.AddPostAsync("Two tags", app.UtcNow.AddDays(-8), tags: ["Sea", "Cliffs"]);
        await app.AddPostAsync("One tag and category", app.UtcNow.AddDays(-7), category: "Walks", tags: ["Cliffs"]);
        await app.AddPostAsync("Category only", app.UtcNow.AddDays(-1), category: "Walks");
        await app.AddPostAsync("Unrelated", app.UtcNow.AddDays(-1), tags: ["Town"]);
        await app.AddPostAsync("Draft", draft: true, tags: ["Sea", "Cliffs", "Birds"]);
        await app.AddPostAsync("Scheduled", app.UtcNow.AddDays(1), tags: ["Sea", "Cliffs", "Birds"]);

        var page = await app.CreateReader().GetDocumentAsync("/blog/the-post");

        Assert.Equal("More to read", page.Text(".related-posts h2"));
        Assert.Equal(["Two tags", "One tag and category", "One tag, new"], page.Texts(".related-posts .post-card__title"));
    }

    [Fact]
    public async Task A_post_with_more_tags_than_the_compiled_query_takes_counts_every_shared_tag()
    {
        // Seven tags: more than RelatedPostQueries.CompiledTagCount, so the query is built for them; the sixth and the
        // seventh must count as much as the first five.
        await app.AddPostAsync("Many tags", app.UtcNow.AddDays(-10), tags: ["A1", "B2", "C3", "D4", "E5", "F6", "G7"]);
        await app.AddPostAsync("Shares the first five", app.UtcNow.AddDays(-3), tags: ["A1", "B2", "C3", "D4", "E5"]);
        await app.AddPostAsync("Shares the last six", app.UtcNow.AddDays(-4), tags: ["B2", "C3", "D4", "E5", "F6", "G7"]);
        await app.AddPostAsync("Shares the seventh", app.UtcNow.AddDays(-5), tags: ["G7"]);
        await app.AddPostAsync("Shares nothing, newest", app.UtcNow.AddHours(-1), tags: ["Z9"]);

        var page = await app.CreateReader().GetDocumentAsync("/blog/many-tags");

        Assert.Equal(["Shares the last six", "Shares the first five", "Shares the seventh"], page.Texts(".related-posts .post-card__title"));
    }

    [Fact]
    public async Task A_post_without_a_category_does_not_favour_others_without_one()
    {
        await app.AddPostAsync("Uncategorised", app.UtcNow.AddDays(-10), tags: ["Sea"]);
        await app.AddPostAsync("Sea, no category, older", app.UtcNow.AddDays(-3), tags: ["Sea"]);
        await app.AddPostAsync("Sea, in a category, newer", app.UtcNow.AddDays(-2), category: "Walks", tags: ["Sea"]);

        var page = await app.CreateReader().GetDocumentAsync("/blog/uncategorised");

        Assert.Equal(["Sea, in a category, newer", "Sea, no category, older"], page.Texts(".related-posts .post-card__title").Take(2));
    }

    [Fact]
    public async Task A_post_with_nothing_in_common_with_others_falls_back_to_the_newest_posts()
    {
        await app.AddPostAsync("Oldest", app.UtcNow.AddDays(-3), tags: ["Crowds"]);
        await app.AddPostAsync("Alone", app.UtcNow.AddDays(-2), tags: ["Solitude"]);
        await app.AddPostAsync("Newer", app.UtcNow.AddDays(-1), tags: ["Crowds"]);
        await app.AddPostAsync("Newest", app.UtcNow.AddHours(-1));
        await app.AddPostAsync("A draft", draft: true);

        var page = await app.CreateReader().GetDocumentAsync("/blog/alone");

        Assert.Equal(["Newest", "Newer", "Oldest"], page.Texts(".related-posts .post-card__title"));
    }

    [Fact]
    public async Task A_post_alone_in_the_blog_shows_no_section()
    {
        await app.AddPostAsync("Alone", tags: ["Solitude"]);

        var page = await app.CreateReader().GetDocumentAsync("/blog/alone");

        Assert.Null(page.QuerySelector(".related-posts"));
    }
}

/// <summary>The same tests on PostgreSQL.</summary>
public sealed class RelatedPostsTestsOnPostgreSql() : RelatedPostsTests(new PostgresBlogFactory());
