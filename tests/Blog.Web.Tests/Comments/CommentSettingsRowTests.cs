using System.Net;
using Blog.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Tests.Comments;

/// <summary>
/// The comment settings row is made on the first read that needs it (a blog from before comments has none): however
/// many readers arrive together, one row is made, every page answers, and nothing is logged as an error.
/// </summary>
public sealed class CommentSettingsRowTests : IDisposable
{
    private readonly BlogFactory app = new();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task Readers_arriving_together_at_a_blog_without_the_row_get_their_pages_and_one_row_is_made_without_an_error()
    {
        var slugs = new List<string>();
        for (var i = 1; i <= 12; i++)
        {
            slugs.Add((await app.AddPostAsync($"Letter {i}")).Slug);
        }

        await app.WithDbAsync(db => db.CommentSettings.ExecuteDeleteAsync());
        var reader = app.CreateReader();

        // Different posts, so the page cache renders each once and every render asks for the settings at the same time.
        var responses = await Task.WhenAll(slugs.Select(slug => reader.GetAsync($"/blog/{slug}")));

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        Assert.Equal(1, await app.WithDbAsync((db, _) => db.CommentSettings.CountAsync()));
        Assert.DoesNotContain(app.Logs.Messages, m => m.Contains("saving changes", StringComparison.Ordinal));
    }
}
