using System.Net;
using System.Text.Json;
using Blog.Web.Portability.Import;
using Blog.Web.Posts;
using Blog.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Blog.Web.Tests.Portability;

/// <summary>Importing WXR into the blog: background runs, report, redirects, images, re-imports, dry runs.</summary>
public class ImportTests : IDisposable
{
    private readonly ImageServer images = new();
    private readonly FakeImageStore store = new();
    private readonly BlogFactory app;

    public ImportTests()
        : this(postgreSql: false)
    {
    }

    /// <summary>The same tests on PostgreSQL (ImportTestsOnPostgreSql).</summary>
    protected ImportTests(bool postgreSql) => app = postgreSql
        ? new PostgresBlogFactory { ExtraServices = s => s.AddSingleton<IImportedImageStore>(store) }
        : new BlogFactory { ExtraServices = s => s.AddSingleton<IImportedImageStore>(store) };

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
            images.Dispose();
        }
    }

    [Fact]
    public async Task An_upload_runs_in_the_background_and_its_page_shows_progress_and_the_report()
    {
        var owner = await app.SignInAsOwnerAsync();
        var file = PortabilityHelpers.FixtureWithImages("malformed-item.xml", images.BaseUrl);

        var response = await owner.UploadAsync(file);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var runUrl = response.Headers.Location!.ToString();
        JsonElement status = default;
        for (var i = 0; i < 100 && !(status.ValueKind == JsonValueKind.Object && status.GetProperty("finished").GetBoolean()); i++)
        {
            await Task.Delay(100);
            status = JsonDocument.Parse(await owner.GetStringAsync(runUrl + "?handler=status")).RootElement;
        }

        var page = await owner.GetDocumentAsync(runUrl);
        Assert.Equal(("Succeeded", 3, 1, 2), (status.GetProperty("status").GetString(), status.GetProperty("total").GetInt32(),
            status.GetProperty("created").GetInt32(), status.GetProperty("skipped").GetInt32()));
        Assert.Equal("3", page.QuerySelector("#run-progress")!.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector("script[src*='import-progress']"));
        var skipped = page.Texts("#run-report tr.outcome-skipped td:nth-child(2)");
        Assert.Equal(["(untitled)", "Bad date"], skipped);
        Assert.Contains("not a date", page.Text("#run-report"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateReader().GetAsync("/blog/a-good-post")).StatusCode);
    }

    [Fact]
    public async Task A_dry_run_uploaded_through_the_page_can_then_be_imported_for_real_without_uploading_again()
    {
        var owner = await app.SignInAsOwnerAsync();
        var dryRun = (await owner.UploadAsync(PortabilityHelpers.Fixture("malformed-item.xml"), dryRun: true)).Headers.Location!.ToString();
        var page = await WaitForReportAsync(owner, dryRun);
        Assert.Contains("would be created", page.Text("#run-report"), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(async (db, _) => await db.Posts.CountAsync()));

        var started = await owner.SubmitFormAsync(page, dryRun, new Dictionary<string, string>(), "#import-now-form");
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        await WaitForReportAsync(owner, started.Headers.Location!.ToString());

        Assert.Equal(["a-good-post"], await app.WithDbAsync(async (db, _) => await db.Posts.Select(p => p.Slug).ToListAsync()));
        Assert.Null((await owner.GetDocumentAsync(dryRun)).QuerySelector("#import-now-form"));
        Assert.Empty(Directory.GetFiles(Path.Combine(Path.GetDirectoryName(app.DatabasePath)!, "imports")));
    }

    private static async Task<AngleSharp.Dom.IDocument> WaitForReportAsync(HttpClient owner, string url)
    {
        for (var i = 0; i < 100; i++)
        {
            var page = await owner.GetDocumentAsync(url);
            if (page.QuerySelector("#run-report") is not null)
            {
                return page;
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"{url} never finished");
    }

    [Fact]
    public async Task A_broken_file_fails_with_a_message_naming_the_line_and_writes_nothing()
    {
        var run = await app.ImportAsync(PortabilityHelpers.Fixture("broken.xml"));

        Assert.Equal(ImportRunStatus.Failed, run.Status);
        Assert.Contains("line 11", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(async (db, _) => await db.Posts.CountAsync()));
    }

    [Fact]
    public async Task A_WordPress_import_brings_everything_with_images_redirects_and_comments()
    {
        var file = PortabilityHelpers.FixtureWithImages("wordpress-1.2.xml", images.BaseUrl);

        var run = await app.ImportAsync(file, allowPrivate: true);

        Assert.Equal((ImportRunStatus.Succeeded, 4, 1), (run.Status, run.Created, run.Skipped));
        var posts = await app.WithDbAsync(async (db, _) => await db.Posts.Include(p => p.Tags).Include(p => p.Category).AsNoTracking().ToListAsync());
        var walk = posts.Single(p => p.Slug == "walking-the-ridgeway");
        Assert.Equal((PublishStatus.Published, "Travel"), (walk.Status, walk.Category!.Name));
        Assert.Equal(["England", "Walking"], walk.Tags.Select(t => t.Name).Order());
        Assert.Contains("](/media/ridge.png)", walk.BodyMarkdown, StringComparison.Ordinal);
        Assert.Equal(["ridge.png"], store.Stored);
        Assert.Equal(PublishStatus.Draft, posts.Single(p => p.Title == "Half-written thoughts").Status);
        Assert.Equal("half-written-thoughts", posts.Single(p => p.Title == "Half-written thoughts").Slug);
        Assert.Equal(PublishStatus.Scheduled, posts.Single(p => p.Slug == "coming-soon").Status);
        Assert.Equal(["Ann Reader"], await app.WithDbAsync(async (db, _) => await db.Comments.Select(c => c.AuthorName).ToListAsync()));

        var reader = app.CreateReader();
        var old = await reader.GetAsync("/2019/05/walking-the-ridgeway/");
        Assert.Equal((HttpStatusCode.MovedPermanently, "/blog/walking-the-ridgeway"), (old.StatusCode, old.Headers.Location!.ToString()));
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/blog/walking-the-ridgeway")).StatusCode);
        Assert.Equal("/about-me", (await reader.GetAsync("/about-me/")).Headers.Location?.ToString() ?? "/about-me");
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/about-me")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/2019/05/never-existed/")).StatusCode);
    }

    [Fact]
    public async Task An_image_that_cannot_be_fetched_is_reported_and_keeps_its_address()
    {
        var file = PortabilityHelpers.FixtureWithImages("squarespace.xml", images.BaseUrl);

        var run = await app.ImportAsync(file, allowPrivate: true);

        Assert.Equal(1, run.ImagesFailed);
        var problem = Assert.Single(ImportReport.FromJson(run.ReportJson).Images);
        Assert.Contains("404", problem.Reason, StringComparison.Ordinal);
        var body = await app.WithDbAsync(async (db, _) => await db.Posts.Where(p => p.Slug == "harbour-lights").Select(p => p.BodyMarkdown).SingleAsync());
        Assert.Contains(images.BaseUrl.TrimEnd('/') + "/missing.png", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_allowing_private_addresses_images_on_loopback_are_not_fetched()
    {
        var run = await app.ImportAsync(PortabilityHelpers.FixtureWithImages("wordpress-1.2.xml", images.BaseUrl));

        Assert.Equal(1, run.ImagesFailed);
        Assert.Contains("private or local", ImportReport.FromJson(run.ReportJson).Images.Single().Reason, StringComparison.Ordinal);
        Assert.Equal(0, images.Requests);
    }

    [Fact]
    public async Task Importing_the_same_file_again_adds_no_duplicates_and_never_overwrites_the_authors_edits()
    {
        var file = PortabilityHelpers.FixtureWithImages("wordpress-1.2.xml", images.BaseUrl);
        await app.ImportAsync(file, allowPrivate: true);
        await app.WithDbAsync(async db =>
        {
            var about = await db.StaticPages.SingleAsync();
            about.Title = "About (edited here)";
            about.NewVersion(app.UtcNow);
            await db.SaveChangesAsync();
        });
        File.WriteAllText(file, File.ReadAllText(file).Replace("I walk and I write.", "I walk, I write, I cook.", StringComparison.Ordinal)
            .Replace("A post from the future.", "A post from the future, revised.", StringComparison.Ordinal));

        var again = await app.ImportAsync(file, allowPrivate: true);

        Assert.Equal((0, 1, 2, 2), (again.Created, again.Updated, again.Unchanged, again.Skipped));
        var counts = await app.WithDbAsync(async (db, _) => (await db.Posts.CountAsync(), await db.StaticPages.CountAsync(), await db.Comments.CountAsync(), await db.Redirects.CountAsync()));
        Assert.Equal((3, 1, 1, 2), counts); // the page kept its address: no redirect needed for it
        Assert.Equal("About (edited here)", await app.WithDbAsync(async (db, _) => (await db.StaticPages.SingleAsync()).Title));
        Assert.Contains("revised", await app.WithDbAsync(async (db, _) => (await db.Posts.SingleAsync(p => p.Slug == "coming-soon")).BodyMarkdown), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dry_run_reports_what_would_be_imported_and_writes_nothing()
    {
        var run = await app.ImportAsync(PortabilityHelpers.Fixture("wordpress-1.2.xml"), dryRun: true);

        Assert.Equal((ImportRunStatus.Succeeded, 4), (run.Status, run.Created));
        Assert.Contains(ImportReport.FromJson(run.ReportJson).Items, l => l.Title == "Walking the Ridgeway" && l.Outcome == Outcomes.Created);
        var written = await app.WithDbAsync(async (db, _) => await db.Posts.CountAsync() + await db.StaticPages.CountAsync() + await db.Redirects.CountAsync()
            + await db.Comments.CountAsync() + await db.Tags.CountAsync() + await db.ImportedItems.CountAsync());
        Assert.Equal(0, written);
        Assert.Empty(store.Stored);
    }

    [Fact]
    public async Task The_import_form_refuses_a_missing_or_wrong_file_with_a_message_and_starts_nothing()
    {
        var owner = await app.SignInAsOwnerAsync();
        var wrong = Path.Combine(Path.GetTempPath(), $"notes-{Guid.NewGuid():N}.pdf");
        await File.WriteAllTextAsync(wrong, "%PDF");

        var missing = await owner.SubmitFormAsync("/admin/import", new Dictionary<string, string>(), "#import-form");
        var refused = await owner.UploadAsync(wrong);

        Assert.Equal(HttpStatusCode.OK, missing.StatusCode);
        Assert.Contains("Choose a file to import.", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("zip of Markdown files", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(async (db, _) => await db.ImportRuns.CountAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync("/admin/import/999")).StatusCode);
    }

    [Fact]
    public async Task One_item_that_fails_is_reported_and_the_others_are_imported()
    {
        store.FailOn = "ridge.png";

        var run = await app.ImportAsync(PortabilityHelpers.FixtureWithImages("wordpress-1.2.xml", images.BaseUrl), allowPrivate: true);

        Assert.Equal((ImportRunStatus.Succeeded, 3), (run.Status, run.Created));
        var failed = ImportReport.FromJson(run.ReportJson).Items.Single(i => i.Title == "Walking the Ridgeway");
        Assert.Equal(Outcomes.Skipped, failed.Outcome);
        Assert.Contains("the store is full", failed.Reason, StringComparison.Ordinal);
        Assert.Equal(2, await app.WithDbAsync(async (db, _) => await db.Posts.CountAsync()));
    }

    private sealed class FakeImageStore : IImportedImageStore
    {
        public List<string> Stored { get; } = [];

        public string? FailOn { get; set; }

        public Task<string?> StoreAsync(Stream content, string fileName, string? alt, CancellationToken cancellationToken)
        {
            if (fileName == FailOn)
            {
                throw new IOException("the store is full");
            }

            Stored.Add(fileName);
            return Task.FromResult<string?>($"/media/{fileName}");
        }
    }
}

/// <summary>The same tests on PostgreSQL.</summary>
public sealed class ImportTestsOnPostgreSql() : ImportTests(postgreSql: true);
