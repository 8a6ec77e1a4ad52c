using Blog.Web.Markdown;
using Blog.Web.Posts;
using Blog.Web.Settings;
using Blog.Web.StaticPages;

namespace Blog.Web.Data;

/// <summary>The first posts of a new blog, so it shows a real blog at once and teaches its author how to write.</summary>
internal sealed class SampleContent(MarkdownRenderer renderer, TimeProvider clock)
{
    public void AddTo(BlogDbContext db, SiteSettings settings)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        settings.BlogTitle = "A New Blog";
        settings.Tagline = "Words and photographs";
        settings.AuthorName = "The Author";
        settings.AuthorBio = "Writer and photographer. Change this in **Settings**.";
        settings.FooterText = null; // the footer then names the blog

        var notes = new Category("Notes") { Description = "Notes on this blog and how it works." };
        var gettingStarted = new Tag("Getting started");
        var markdown = new Tag("Markdown");

        var features = NewPost("What Markdown can do here", "markdown-features", now.AddMinutes(-1));
        features.Excerpt = "Headings, emphasis, tables, footnotes, task lists, figures and smart quotes: a tour of what you can write.";
        features.Category = notes;
        features.Tags.AddRange([markdown]);

        var welcome = NewPost("Welcome to your new blog", "welcome", now);
        welcome.Excerpt = "Your blog is running. Here is how to sign in, write your first post and make this place your own.";
        welcome.Category = notes;
        welcome.Tags.AddRange([gettingStarted, markdown]);

        var about = new StaticPage("About", "about", now) { MenuOrder = 1 };
        about.SetBody(Read("about.md"), renderer, now);
        about.Publish(now);

        db.AddRange(features, welcome, about);
    }

    private Post NewPost(string title, string slug, DateTime publishedAtUtc)
    {
        var post = new Post(title, slug, publishedAtUtc);
        post.SetBody(Read($"{slug}.md"), renderer, publishedAtUtc);
        post.Publish(publishedAtUtc);
        return post;
    }

    private static string Read(string name)
    {
        using var stream = typeof(SampleContent).Assembly.GetManifestResourceStream($"Blog.Web.Data.Samples.{name}")
            ?? throw new InvalidOperationException($"The sample file {name} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
