using Blog.Web.Markdown;
using Blog.Web.Posts;
using Blog.Web.Settings;
using Blog.Web.StaticPages;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Data;

/// <summary>The first posts of a new blog, so it shows a real blog at once and teaches its author how to write.</summary>
internal sealed class SampleContent(MarkdownRenderer renderer, TimeProvider clock)
{
    /// <summary>The sample posts' slugs (each post's Markdown is <c>Samples/{slug}.md</c>).</summary>
    private static readonly string[] PostSlugs = ["markdown-features", "welcome"];

    /// <summary>The sample page's slug (its Markdown is <c>Samples/about.md</c>).</summary>
    public const string PageSlug = "about";

    /// <summary>
    /// The sample posts and page still as a new blog got them: never saved since (an editor's save or an import gives
    /// content a new version), not in the trash, with their sample text. Tracked, so a caller can remove them.
    /// </summary>
    public static async Task<List<PublishableContent>> UntouchedAsync(BlogDbContext db, CancellationToken cancellationToken)
    {
        List<PublishableContent> found =
        [
            .. await db.Posts.Where(p => PostSlugs.Contains(p.Slug) && p.Version == 0 && p.DeletedAtUtc == null).ToListAsync(cancellationToken),
            .. await db.StaticPages.Where(p => p.Slug == PageSlug && p.Version == 0 && p.DeletedAtUtc == null).ToListAsync(cancellationToken),
        ];
        return [.. found.Where(c => c.BodyMarkdown == Read($"{c.Slug}.md"))];
    }

    /// <summary>
    /// Removes untouched sample content (from <see cref="UntouchedAsync"/>) for good, with the sample posts' tags and
    /// category where no other post uses them. Saved with the caller's next SaveChanges.
    /// </summary>
    public static async Task RemoveAsync(BlogDbContext db, IReadOnlyCollection<PublishableContent> samples, CancellationToken cancellationToken)
    {
        var postIds = samples.OfType<Post>().Select(p => p.Id).ToList();
        if (postIds.Count > 0)
        {
            db.Tags.RemoveRange(await db.Tags
                .Where(t => t.Posts.Any(p => postIds.Contains(p.Id)) && t.Posts.All(p => postIds.Contains(p.Id))).ToListAsync(cancellationToken));
            db.Categories.RemoveRange(await db.Categories
                .Where(c => c.Posts.Any(p => postIds.Contains(p.Id)) && c.Posts.All(p => postIds.Contains(p.Id))).ToListAsync(cancellationToken));
        }

        db.RemoveRange(samples);
    }

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

        var about = new StaticPage("About", PageSlug, now) { MenuOrder = 1 };
        about.SetBody(Read($"{PageSlug}.md"), renderer, now);
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
