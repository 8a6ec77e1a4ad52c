using System.Net;
using Blog.Web.Comments;
using Blog.Web.Search;
using Blog.Web.Tests.Infrastructure;
using Blog.Web.Tests.Media;
using Blog.Web.Tests.Statistics;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Tests.Portability;

/// <summary><c>dotnet Blog.Web.dll copy-to-postgresql "…"</c>: a SQLite blog into an empty PostgreSQL database, run for real.</summary>
public sealed class CopyToPostgreSqlTests : IDisposable
{
    private readonly BlogFactory source = new();

    public void Dispose() => source.Dispose();

    [Fact]
    public async Task A_blog_with_photos_comments_and_revisions_is_copied_item_by_item_and_runs_on_postgresql()
    {
        var owner = await source.SignInAsOwnerAsync();
        await source.UpdateSettingsAsync(s => s.SocialLinks.Add(new Blog.Web.Settings.SocialLink { Label = "Mastodon", Url = "https://example.social/@me" }));
        var photo = TestImages.Jpeg(1600, 1000);
        var photoId = await source.UploadPhotoAsync(owner, new UploadFile("harbour.jpg", photo), "The harbour at dawn");
        var editor = await owner.GetDocumentAsync("/admin/posts/new");
        var created = await owner.SubmitFormAsync(editor, "/admin/posts/new", new Dictionary<string, string>
        {
            ["Input.Title"] = "Harbour notes", ["Input.Body"] = "First draft of the *harbour*.", ["Input.Tags"] = "sea, Boats", ["action"] = "publish",
        }, "#content-editor");
        var postUrl = created.Headers.Location!.ToString();
        var edit = await owner.GetDocumentAsync(postUrl);
        Assert.Equal(HttpStatusCode.Redirect, (await owner.SubmitFormAsync(edit, postUrl, new Dictionary<string, string>
        {
            ["Input.Body"] = $"Second version of the *harbour*.\n\n![The harbour](/media/{photoId}/original.jpg)", ["action"] = "save",
        }, "#content-editor")).StatusCode);
        await source.WithDbAsync(async db =>
        {
            var post = await db.Posts.SingleAsync(p => p.Slug == "harbour-notes");
            var first = new Comment { PostId = post.Id, AuthorName = "Reader", AuthorEmail = "Reader@Example.com", Text = "Lovely.", Html = "<p>Lovely.</p>", CreatedAtUtc = source.UtcNow, Status = CommentStatus.Approved };
            db.Comments.Add(first);
            db.Comments.Add(new Comment { PostId = post.Id, Parent = first, AuthorName = "The Author", Text = "Thanks", Html = "<p>Thanks</p>", CreatedAtUtc = source.UtcNow.AddMinutes(1), Status = CommentStatus.Approved, IsOwner = true });
            db.Comments.Add(new Comment { PostId = post.Id, AuthorName = "Waiting", AuthorEmail = "new@example.com", Text = "Held", Html = "<p>Held</p>", CreatedAtUtc = source.UtcNow.AddMinutes(2), Status = CommentStatus.Held });
            await db.SaveChangesAsync();
        });
        await source.Reader("192.0.2.10").GetAsync("/blog/harbour-notes");
        await source.FlushStatisticsAsync();
        var sourcePhoto = await source.CreateReader().GetByteArrayAsync($"/media/{photoId}/original.jpg");
        var expected = await SnapshotAsync(source);

        var target = await PostgresTestServer.CreateDatabaseAsync(migrated: false);
        var (exitCode, output) = await source.RunCommandAsync(["copy-to-postgresql", target]);

        Assert.True(exitCode == 0, output);
        Assert.Contains("Rows per table", output, StringComparison.Ordinal);
        Assert.Contains("Posts: 1 -> 1", output, StringComparison.Ordinal);
        Assert.DoesNotContain("MISMATCH", output, StringComparison.Ordinal);
        using var copy = PostgresBlogFactory.OnDatabase(target);
        var actual = await SnapshotAsync(copy);
        foreach (var (table, rows) in expected)
        {
            Assert.True(rows.Count > 0, $"the source blog has no {table}: the test would prove nothing");
            Assert.Equal(rows, actual[table]);
        }

        // The copy runs: the photo's bytes served the same, the owner signs in (keys and account), new ids follow the copied ones.
        Assert.Equal(sourcePhoto, await copy.CreateReader().GetByteArrayAsync($"/media/{photoId}/original.jpg"));
        Assert.Contains("Second version", await copy.CreateReader().GetStringAsync("/blog/harbour-notes"), StringComparison.Ordinal);
        await copy.SignInAsOwnerAsync(createOwner: false);
        var added = await copy.AddPostAsync("After the move");
        Assert.True(added.Id > (await source.WithDbAsync((db, _) => db.Posts.MaxAsync(p => p.Id))));
        var found = await copy.WithDbAsync((db, _) => db.SearchAsync("harbour", 1, copy.UtcNow, CancellationToken.None));
        Assert.Equal(["Harbour notes"], found!.Items.Select(h => h.Title));
    }

    [Fact]
    public async Task A_database_that_is_not_empty_is_refused_and_left_as_it_was()
    {
        using var existing = new PostgresBlogFactory();
        await existing.AddPostAsync("Already here");

        var (exitCode, output) = await source.RunCommandAsync(["copy-to-postgresql", existing.ConnectionString]);

        Assert.Equal(1, exitCode);
        Assert.Contains("not empty", output, StringComparison.Ordinal);
        Assert.Equal(["Already here"], await existing.WithDbAsync((db, _) => db.Posts.Select(p => p.Title).ToListAsync()));
    }

    /// <summary>Every kind of thing the blog holds, each item as one comparable line, by table.</summary>
    private static async Task<Dictionary<string, List<string>>> SnapshotAsync(BlogFactory app) => await app.WithDbAsync(async (db, _) => new Dictionary<string, List<string>>
    {
        ["Posts"] = (await db.Posts.AsNoTracking().Include(p => p.Tags).OrderBy(p => p.Id).ToListAsync())
            .Select(p => $"{p.Id}|{p.Title}|{p.Slug}|{p.Status}|{p.PublishedAtUtc:o}|{p.UpdatedAtUtc:o}|{p.Version}|{p.BodyMarkdown}|{p.BodyHtml}|{string.Join(",", p.Tags.Select(t => t.Name).Order(StringComparer.Ordinal))}").ToList(),
        ["Revisions"] = (await db.Revisions.AsNoTracking().OrderBy(r => r.Id).ToListAsync())
            .Select(r => $"{r.Id}|{r.PostId}|{r.Version}|{r.Title}|{r.BodyMarkdown}|{r.CreatedAtUtc:o}|{r.Note}").ToList(),
        ["Comments"] = (await db.Comments.AsNoTracking().OrderBy(c => c.Id).ToListAsync())
            .Select(c => $"{c.Id}|{c.PostId}|{c.ParentId}|{c.AuthorName}|{c.AuthorEmail}|{c.Status}|{c.IsOwner}|{c.CreatedAtUtc:o}|{c.Html}").ToList(),
        ["MediaItems"] = (await db.MediaItems.AsNoTracking().OrderBy(m => m.Id).ToListAsync())
            .Select(m => $"{m.Id}|{m.FileName}|{m.AltText}|{m.Width}x{m.Height}|{m.UploadedAtUtc:o}").ToList(),
        ["MediaVariants"] = (await db.MediaVariants.AsNoTracking().OrderBy(v => v.Id).ToListAsync())
            .Select(v => $"{v.Id}|{v.MediaItemId}|{v.Name}|{v.Length}|{v.ETag}").ToList(),
        ["Users"] = (await db.Users.AsNoTracking().OrderBy(u => u.Id).ToListAsync())
            .Select(u => $"{u.Id}|{u.Email}|{u.PasswordHash}|{u.SecurityStamp}|{u.LockoutEnd:o}").ToList(),
        ["DataProtectionKeys"] = (await db.DataProtectionKeys.AsNoTracking().OrderBy(k => k.Id).ToListAsync())
            .Select(k => $"{k.Id}|{k.FriendlyName}|{k.Xml}").ToList(),
        ["StatisticsPages"] = (await db.StatisticsPages.AsNoTracking().OrderBy(s => s.Path).ToListAsync())
            .Select(s => $"{s.Day}|{s.Path}|{s.ContentId}|{s.Views}|{s.Readers}").ToList(),
        ["SiteSettings"] = (await db.SiteSettings.AsNoTracking().ToListAsync())
            .Select(s => $"{s.BlogTitle}|{s.TimeZoneId}|{s.PostsPerPage}|{string.Join(",", s.SocialLinks.Select(l => l.Url))}").ToList(),
    });
}
