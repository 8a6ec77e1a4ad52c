using Blog.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Tests.Data;

public sealed class SampleContentTests : IDisposable
{
    private readonly BlogFactory app = new() { SeedSampleContent = true, FromMigratedTemplate = false };

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task A_new_blog_starts_with_sample_posts_and_an_about_page()
    {
        var reader = app.CreateReader();

        var home = await reader.GetDocumentAsync("/");
        var features = await reader.GetDocumentAsync("/blog/markdown-features");
        var about = await reader.GetDocumentAsync("/about");

        Assert.Equal(["Welcome to your new blog", "What Markdown can do here"], home.Texts(".post-card__title"));
        Assert.NotNull(features.QuerySelector(".post__body table"));
        Assert.NotNull(features.QuerySelector(".post__body .footnotes"));
        Assert.NotNull(features.QuerySelector(".post__body figure figcaption"));
        Assert.Equal("About", about.Text("h1"));
        Assert.Contains("About", home.Texts(".site-nav a"));
    }

    [Fact]
    public async Task Sample_content_never_comes_back_once_the_author_removed_it()
    {
        await app.WithDbAsync(async db =>
        {
            await db.Posts.ExecuteDeleteAsync();
            await db.StaticPages.ExecuteDeleteAsync();
        });

        using var restarted = new SameDatabase(app);
        var home = await restarted.CreateReader().GetDocumentAsync("/");

        Assert.Empty(home.QuerySelectorAll(".post-card"));
        Assert.Equal(0, await restarted.WithDbAsync(async (db, _) => await db.Posts.CountAsync()));
    }

    private sealed class SameDatabase(BlogFactory original) : BlogFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ConnectionStrings:Blog", $"Data Source={original.DatabasePath}");
            builder.UseSetting("Blog:SeedSampleContent", "true");
        }
    }
}
