using System.IO.Compression;
using System.Net;
using System.Text;
using Blog.Web.Addresses;
using Blog.Web.Comments;
using Blog.Web.Portability;
using Blog.Web.Portability.Import;
using Blog.Web.Posts;
using Blog.Web.Tests.Infrastructure;
using Blog.Web.Tests.Media;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Tests.Portability;

/// <summary>Export everything, import it into an empty blog, get the same blog; and Markdown zips from elsewhere.</summary>
public class RoundTripTests : IDisposable
{
    private readonly BlogFactory source;
    private readonly BlogFactory target;

    public RoundTripTests()
        : this(new BlogFactory(), new BlogFactory())
    {
    }

    /// <summary>The same tests on another provider (RoundTripTestsOnPostgreSql).</summary>
    protected RoundTripTests(BlogFactory source, BlogFactory target) => (this.source, this.target) = (source, target);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            source.Dispose();
            target.Dispose();
        }
    }

    private async Task FillSourceAsync()
    {
        await source.UpdateSettingsAsync(s => (s.BlogTitle, s.Tagline, s.TimeZoneId, s.PostsPerPage) = ("Moving blog", "Going places", "Europe/Paris", 7));
        await source.AddPostAsync("First light", source.UtcNow.AddDays(-30), category: "Photos", tags: ["dawn", "sea"], body: "Some **bold** text.\n\n> a quote", excerpt: "At dawn.");
        await source.AddPostAsync("Unfinished: a draft", draft: true, tags: ["sea"]);
        await source.AddPostAsync("Later", source.UtcNow.AddDays(3), body: "Scheduled text.");
        await source.AddStaticPageAsync("Colophon", menuOrder: 4, body: "Set in *serif*.");
        await source.WithDbAsync(async db =>
        {
            var post = await db.Posts.SingleAsync(p => p.Slug == "first-light");
            var first = new Comment { PostId = post.Id, AuthorName = "Reader", AuthorEmail = "reader@example.com", Text = "Nice.", Html = "<p>Nice.</p>", CreatedAtUtc = source.UtcNow, Status = CommentStatus.Approved, OriginalId = "c1" };
            db.Comments.Add(first);
            db.Comments.Add(new Comment { PostId = post.Id, Parent = first, AuthorName = "The Author", Text = "*Thanks*", Html = "<p><em>Thanks</em></p>", CreatedAtUtc = source.UtcNow.AddMinutes(1), Status = CommentStatus.Approved, IsOwner = true });
            db.Comments.Add(new Comment { PostId = post.Id, AuthorName = "Waiting", AuthorEmail = "new@example.com", Text = "Held one", Html = "<p>Held one</p>", CreatedAtUtc = source.UtcNow.AddMinutes(2), Status = CommentStatus.Held });
            db.Comments.Add(new Comment { PostId = post.Id, AuthorName = "Bot", Text = "Buy", Html = "<p>Buy</p>", CreatedAtUtc = source.UtcNow.AddMinutes(3), Status = CommentStatus.Spam });
            // Webmentions: a like (no text) and a held reply, with their sources.
            db.Comments.Add(new Comment { PostId = post.Id, Kind = CommentKind.Like, SourceUrl = "https://bea.example/likes/1", AuthorName = "Bea", AuthorUrl = "https://bea.example/", CreatedAtUtc = source.UtcNow.AddMinutes(4), Status = CommentStatus.Approved });
            db.Comments.Add(new Comment { PostId = post.Id, Kind = CommentKind.Reply, SourceUrl = "https://carl.example/re", AuthorName = "Carl", Text = "Indeed.", Html = "<p>Indeed.</p>", CreatedAtUtc = source.UtcNow.AddMinutes(5), Status = CommentStatus.Held });
            db.Redirects.Add(new Redirect("/2019/01/first-light/", "/blog/first-light", source.UtcNow));
            (await db.Categories.SingleAsync()).Description = "Pictures, mostly.";
            await db.SaveChangesAsync();
        });
    }

    private static async Task<string> DownloadAsync(HttpClient owner, string handler)
    {
        var response = await owner.GetAsync($"/admin/export?handler={handler}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var path = Path.Combine(Path.GetTempPath(), $"export-{Guid.NewGuid():N}.{(handler == "zip" ? "zip" : "xml")}");
        await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync());
        return path;
    }

    private static Task<List<string>> PostsAsync(BlogFactory app) => app.WithDbAsync(async (db, _) =>
        (await db.Posts.AsNoTracking().Include(p => p.Tags).Include(p => p.Category).OrderBy(p => p.Slug).ToListAsync())
            .Select(p => $"{p.Title}|{p.Slug}|{p.PublishedAtUtc:o}|{p.Status}|{p.BodyMarkdown.Trim()}|{p.Excerpt}|{p.Category?.Name}|{string.Join(",", p.Tags.Select(t => t.Name).Order())}")
            .ToList());

    /// <summary>Each comment with its state, its author's email, whether it is the owner's, the comment it answers and what readers see.</summary>
    private static Task<List<string>> CommentsAsync(BlogFactory app) => app.WithDbAsync(async (db, _) =>
        (await db.Comments.AsNoTracking().Include(c => c.Parent).Include(c => c.Post).OrderBy(c => c.CreatedAtUtc).ToListAsync())
            .Select(c => $"{c.Post!.Slug}|{c.AuthorName}|{c.AuthorEmail}|{c.Status}|{c.IsOwner}|{c.Parent?.AuthorName}|{c.Html}|{c.CreatedAtUtc:o}|{c.Kind}|{c.SourceUrl}")
            .ToList());

    [Fact]
    public async Task Exporting_as_a_zip_and_importing_it_into_an_empty_blog_reproduces_the_blog()
    {
        await FillSourceAsync();
        var zip = await DownloadAsync(await source.SignInAsOwnerAsync(), "zip");

        var run = await target.ImportAsync(zip);

        Assert.True(run.Status == ImportRunStatus.Succeeded, run.Error);
        Assert.Equal(await PostsAsync(source), await PostsAsync(target));
        var page = await target.WithDbAsync(async (db, _) => await db.StaticPages.AsNoTracking().SingleAsync());
        Assert.Equal(("Colophon", "colophon", 4, "Set in *serif*."), (page.Title, page.Slug, page.MenuOrder, page.BodyMarkdown.Trim()));
        var settings = await target.WithDbAsync(async (db, _) => await db.SiteSettings.AsNoTracking().SingleAsync());
        Assert.Equal(("Moving blog", "Going places", "Europe/Paris", 7), (settings.BlogTitle, settings.Tagline, settings.TimeZoneId, settings.PostsPerPage));
        Assert.Equal("Pictures, mostly.", await target.WithDbAsync(async (db, _) => (await db.Categories.SingleAsync()).Description));
        Assert.Equal(await CommentsAsync(source), await CommentsAsync(target));
        var redirect = await target.CreateReader().GetAsync("/2019/01/first-light");
        Assert.Equal((HttpStatusCode.MovedPermanently, "/blog/first-light"), (redirect.StatusCode, redirect.Headers.Location!.ToString()));
    }

    [Fact]
    public async Task Photos_travel_in_the_export_zip_and_the_imported_posts_point_at_the_new_library()
    {
        var owner = await source.SignInAsOwnerAsync();
        var photo = await source.UploadPhotoAsync(owner, new UploadFile("pier.jpg", TestImages.Jpeg(1200, 800)), "The pier");
        await source.AddPostAsync("Pier", body: $"Look:\n\n![The pier](/media/{photo}/960.jpg)");
        var zip = await DownloadAsync(owner, "zip");

        // Something else in the target's library first, so the photo cannot keep its old id by chance.
        var targetOwner = await target.SignInAsOwnerAsync();
        await target.UploadPhotoAsync(targetOwner, new UploadFile("other.png", TestImages.Png(300, 300), "image/png"));
        var run = await target.ImportAsync(zip);

        Assert.True(run.Status == ImportRunStatus.Succeeded, run.Error);
        using (var archive = ZipFile.OpenRead(zip))
        {
            Assert.Contains(archive.Entries, e => e.FullName == $"media/{photo}/pier.jpg");
        }

        var body = await target.WithDbAsync(async (db, _) => (await db.Posts.SingleAsync(p => p.Slug == "pier")).BodyMarkdown);
        var newId = await target.WithDbAsync(async (db, _) => await db.MediaItems.Where(m => m.FileName == "pier.jpg").Select(m => m.Id).SingleAsync());
        Assert.NotEqual(photo, newId);
        Assert.Contains($"/media/{newId}/", body, StringComparison.Ordinal);
        var page = await target.CreateReader().GetDocumentAsync("/blog/pier");
        var src = page.QuerySelector(".post__body picture img")!.GetAttribute("src")!;
        var image = await target.CreateReader().GetAsync(src);
        Assert.Equal((HttpStatusCode.OK, "image/jpeg"), (image.StatusCode, image.Content.Headers.ContentType?.MediaType));
    }

    [Fact]
    public async Task The_WXR_export_is_read_back_by_our_own_importer()
    {
        await FillSourceAsync();
        var wxr = await DownloadAsync(await source.SignInAsOwnerAsync(), "wxr");

        var run = await target.ImportAsync(wxr);

        Assert.True(run.Status == ImportRunStatus.Succeeded, run.Error);
        var posts = await target.WithDbAsync(async (db, _) => await db.Posts.AsNoTracking().Include(p => p.Tags).OrderBy(p => p.Slug).ToListAsync());
        Assert.Equal(["first-light", "later", "unfinished-a-draft"], posts.Select(p => p.Slug));
        Assert.Equal([PublishStatus.Published, PublishStatus.Scheduled, PublishStatus.Draft], posts.Select(p => p.Status));
        Assert.Contains("**bold**", posts[0].BodyMarkdown, StringComparison.Ordinal);
        Assert.Equal(["dawn", "sea"], posts[0].Tags.Select(t => t.Name).Order());
        Assert.Equal((await CommentsAsync(source)).Where(c => !c.Contains("|Spam|", StringComparison.Ordinal)), await CommentsAsync(target)); // WXR leaves spam behind; webmentions keep their kind and source
        Assert.Equal("colophon", await target.WithDbAsync(async (db, _) => (await db.StaticPages.SingleAsync()).Slug));
    }

    [Fact]
    public async Task A_zip_of_markdown_files_from_another_engine_imports_with_its_front_matter()
    {
        var zip = Zip(new()
        {
            ["my-site/_posts/2021-03-04-hello-hugo.md"] = "---\ntitle: \"Hello: Hugo\"\ndate: 2021-03-04T10:00:00+01:00\ntags: [one, two]\ncategories: Notes\ndescription: A summary.\n---\n\nBody *text*.\n",
            ["my-site/_posts/2021-05-01-no-front-matter.md"] = "# Just a heading\n\nAnd words.\n",
            ["my-site/_drafts/idea.md"] = "---\ntitle: An idea\ndraft: true\nslug: the-idea\n---\nLater.\n",
            ["my-site/_posts/broken.md"] = "---\ntitle: [unclosed\n---\nText\n",
        });

        var run = await target.ImportAsync(zip);

        Assert.Equal((3, 1), (run.Created, run.Skipped));
        var posts = await target.WithDbAsync(async (db, _) => await db.Posts.AsNoTracking().Include(p => p.Tags).Include(p => p.Category).OrderBy(p => p.Slug).ToListAsync());
        Assert.Equal(["hello-hugo", "no-front-matter", "the-idea"], posts.Select(p => p.Slug));
        Assert.Equal(("Hello: Hugo", new DateTime(2021, 3, 4, 9, 0, 0, DateTimeKind.Utc), "Notes", "A summary."),
            (posts[0].Title, posts[0].PublishedAtUtc, posts[0].Category?.Name, posts[0].Excerpt));
        Assert.Equal(["one", "two"], posts[0].Tags.Select(t => t.Name).Order());
        Assert.Equal("Just a heading", posts[1].Title);
        Assert.Equal(PublishStatus.Draft, posts[2].Status);
        Assert.Contains("broken.md", ImportReport.FromJson(run.ReportJson).Items.Single(i => i.Outcome == Outcomes.Skipped).Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_zip_with_an_unsafe_path_is_refused_with_a_reason()
    {
        var zip = Zip(new() { ["../../etc/evil.md"] = "---\ntitle: x\n---\n" });

        var run = await target.ImportAsync(zip);

        Assert.Equal(ImportRunStatus.Failed, run.Status);
        Assert.Contains("unsafe path", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_larger_than_a_post_can_be_is_skipped_with_the_limit_named_and_the_rest_imported()
    {
        var zip = Zip(new() { ["huge.md"] = new string('a', 21 * 1024 * 1024), ["fine.md"] = "---\ntitle: Fine\n---\nWords.\n" });

        var run = await target.ImportAsync(zip);

        Assert.Equal((ImportRunStatus.Succeeded, 1, 1), (run.Status, run.Created, run.Skipped));
        var skipped = ImportReport.FromJson(run.ReportJson).Items.Single(i => i.Outcome == Outcomes.Skipped);
        Assert.Equal("huge.md", skipped.Title);
        Assert.Contains("larger than the 2 MB", skipped.Reason, StringComparison.Ordinal);
    }

    private static string Zip(Dictionary<string, string> files)
    {
        var path = Path.Combine(Path.GetTempPath(), $"import-{Guid.NewGuid():N}.zip");
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, text) in files)
        {
            using var stream = zip.CreateEntry(name).Open();
            stream.Write(Encoding.UTF8.GetBytes(text));
        }

        return path;
    }
}

/// <summary>The same tests on PostgreSQL: exported from one PostgreSQL blog, imported into another.</summary>
public sealed class RoundTripTestsOnPostgreSql() : RoundTripTests(new PostgresBlogFactory(), new PostgresBlogFactory());
