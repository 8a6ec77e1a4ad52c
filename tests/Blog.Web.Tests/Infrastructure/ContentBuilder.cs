using Blog.Web.Data;
using Blog.Web.Markdown;
using Blog.Web.Posts;
using Blog.Web.Settings;
using Blog.Web.StaticPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Blog.Web.Tests.Infrastructure;

/// <summary>Writes posts and pages straight into the app's database, the way the dashboard will.</summary>
public static class ContentBuilder
{
    public static Task<Post> AddPostAsync(
        this BlogFactory app,
        string title,
        DateTime? publishAtUtc = null,
        bool draft = false,
        string? category = null,
        string[]? tags = null,
        string body = "A few words of a post.",
        string? excerpt = null) =>
        app.WithDbAsync(async (db, services) =>
        {
            var renderer = services.GetRequiredService<MarkdownRenderer>();
            var now = app.UtcNow;
            var post = new Post(title, Slug.From(title), now) { Excerpt = excerpt };
            post.SetBody(body, renderer, now);
            if (!draft)
            {
                post.PublishAt(publishAtUtc ?? now, now);
            }

            if (category is not null)
            {
                post.Category = await db.Categories.SingleOrDefaultAsync(c => c.Name == category) ?? new Category(category);
            }

            foreach (var name in tags ?? [])
            {
                post.Tags.Add(await db.Tags.SingleOrDefaultAsync(t => t.Name == name) ?? new Tag(name));
            }

            db.Posts.Add(post);
            await db.SaveChangesAsync();
            return post;
        });

    /// <summary>Adds <paramref name="count"/> published posts, one a day, the newest last: "Post 1" … "Post N".</summary>
    public static async Task<IReadOnlyList<Post>> AddDailyPostsAsync(this BlogFactory app, int count, string prefix = "Post")
    {
        var posts = new List<Post>();
        for (var i = 1; i <= count; i++)
        {
            posts.Add(await app.AddPostAsync($"{prefix} {i}", app.UtcNow.AddDays(i - count - 1)));
        }

        return posts;
    }

    public static Task<StaticPage> AddStaticPageAsync(
        this BlogFactory app, string title, int menuOrder = 0, bool draft = false, bool inNavigation = true, string body = "Page text.") =>
        app.WithDbAsync(async (db, services) =>
        {
            var now = app.UtcNow;
            var page = new StaticPage(title, Slug.From(title), now) { MenuOrder = menuOrder, ShowInNavigation = inNavigation };
            page.SetBody(body, services.GetRequiredService<MarkdownRenderer>(), now);
            if (!draft)
            {
                page.Publish(now);
            }

            db.StaticPages.Add(page);
            await db.SaveChangesAsync();
            return page;
        });

    public static Task UpdateSettingsAsync(this BlogFactory app, Action<SiteSettings> change) =>
        app.WithDbAsync(async db =>
        {
            var settings = await db.SiteSettings.SingleOrDefaultAsync();
            if (settings is null)
            {
                settings = new SiteSettings();
                db.SiteSettings.Add(settings);
            }

            change(settings);
            await db.SaveChangesAsync();
        });
}
