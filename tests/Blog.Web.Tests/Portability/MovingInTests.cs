using System.Net;
using Blog.Web.Markdown;
using Blog.Web.Portability.Import;
using Blog.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Blog.Web.Tests.Portability;

/// <summary>
/// The author moves in from Squarespace: on a fresh blog her own pages take their addresses from the sample content
/// nobody edited; where an address is the blog's own or her own content's, the report says so and her old address
/// leads to the imported item.
/// </summary>
public sealed class MovingInTests : IDisposable
{
    private readonly BlogFactory app = new() { SeedSampleContent = true };

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task A_first_import_takes_the_sample_contents_addresses_and_reports_every_address_it_could_not_have()
    {
        await app.AddPostAsync("Harbour lights", app.UtcNow.AddDays(-1), body: "Written here, before the move.");
        var owner = await app.SignInAsOwnerAsync();

        var response = await owner.UploadAsync(PortabilityHelpers.Fixture("squarespace-move.xml"));
        var report = await WaitForReportAsync(owner, response.Headers.Location!.ToString());

        var reader = app.CreateReader();
        var about = await reader.GetDocumentAsync("/about");
        Assert.Contains("I photograph harbours", about.Text(".prose"), StringComparison.Ordinal);
        Assert.Equal("Welcome", (await reader.GetDocumentAsync("/blog/welcome")).Text("h1"));
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync("/blog/markdown-features")).StatusCode);
        Assert.Equal(1, await app.WithDbAsync((db, _) => db.StaticPages.CountAsync(p => p.Title == "About")));
        Assert.Equal(0, await app.WithDbAsync((db, _) => db.Categories.CountAsync(c => c.Slug == "notes")));

        Assert.Contains("Written here", (await reader.GetDocumentAsync("/blog/harbour-lights")).Text(".prose"), StringComparison.Ordinal);
        Assert.Contains("Squarespace years", (await reader.GetDocumentAsync("/blog/harbour-lights-2")).Text(".prose"), StringComparison.Ordinal);
        var old = await reader.GetAsync("/journal/harbour-lights");
        Assert.Equal((HttpStatusCode.MovedPermanently, "/blog/harbour-lights-2"), (old.StatusCode, old.Headers.Location!.ToString()));
        Assert.Equal("Search", (await reader.GetDocumentAsync("/search-2")).Text("h1"));

        var details = report.Texts("#run-report tr td:nth-child(5)");
        Assert.Contains("/blog/harbour-lights is taken by your post “Harbour lights”: imported at /blog/harbour-lights-2; its old address /journal/harbour-lights leads there.", details);
        Assert.Contains(details, d => d.StartsWith("/search is taken by the blog itself: imported at /search-2; its old address /search keeps showing", StringComparison.Ordinal));
        var notes = report.Text("#run-notes");
        Assert.Contains("“Welcome to your new blog” (/blog/welcome) was removed", notes, StringComparison.Ordinal);
        Assert.Contains("“What Markdown can do here”", notes, StringComparison.Ordinal);
        Assert.Contains("The sample page “About” (/about) was removed", notes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sample_content_the_author_edited_is_hers_and_a_dry_run_says_what_would_happen_without_writing()
    {
        await app.WithDbAsync(async (db, services) =>
        {
            var about = await db.StaticPages.SingleAsync(p => p.Slug == "about");
            about.SetBody("Mara Lind, photographer.", services.GetRequiredService<MarkdownRenderer>(), app.UtcNow);
            about.NewVersion(app.UtcNow);
            await db.SaveChangesAsync();
            return true;
        });

        var run = await app.ImportAsync(PortabilityHelpers.Fixture("squarespace-move.xml"), dryRun: true);
        var report = ImportReport.FromJson(run.ReportJson);

        var about = report.Items.Single(i => i.Title == "About");
        Assert.Equal(("/about-2", "/about is taken by your page “About”: imported at /about-2; its old address /about keeps showing what is there (a real page always wins over a redirect)."),
            (about.Address, about.Reason));
        Assert.Equal("/blog/welcome", report.Items.Single(i => i.Title == "Welcome").Address);
        Assert.Equal(2, report.Notes.Count(n => n.Contains("would be removed", StringComparison.Ordinal)));
        Assert.DoesNotContain(report.Notes, n => n.Contains("page “About”", StringComparison.Ordinal));
        Assert.Equal(2, await app.WithDbAsync((db, _) => db.Posts.CountAsync()));
    }

    private static async Task<AngleSharp.Dom.IDocument> WaitForReportAsync(HttpClient owner, string url)
    {
        for (var i = 0; i < 200; i++)
        {
            var page = await owner.GetDocumentAsync(url);
            if (page.QuerySelector("#run-report") is not null)
            {
                return page;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"The import at {url} did not finish.");
    }
}
