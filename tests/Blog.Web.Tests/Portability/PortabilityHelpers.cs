using AngleSharp.Html.Dom;
using Blog.Web.Portability.Import;
using Blog.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Blog.Web.Tests.Portability;

internal static class PortabilityHelpers
{
    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Portability", "Fixtures", name);

    /// <summary>A fixture with its image addresses pointed at <paramref name="imageBase"/> (a test server), as a temp file.</summary>
    public static string FixtureWithImages(string name, string imageBase)
    {
        var path = Path.Combine(Path.GetTempPath(), $"fixture-{Guid.NewGuid():N}-{name}");
        File.WriteAllText(path, File.ReadAllText(Fixture(name)).Replace("IMAGE_BASE", imageBase.TrimEnd('/'), StringComparison.Ordinal));
        return path;
    }

    /// <summary>Runs an import the way the background worker does, and returns the finished run.</summary>
    public static Task<ImportRun> ImportAsync(this BlogFactory app, string path, bool dryRun = false, bool allowPrivate = false) =>
        app.WithDbAsync(async (db, services) =>
        {
            var run = db.ImportRuns.Add(new ImportRun
            {
                FileName = Path.GetFileName(path), SourcePath = path, DryRun = dryRun, AllowPrivateAddresses = allowPrivate, CreatedAtUtc = app.UtcNow,
            }).Entity;
            await db.SaveChangesAsync();
            return await services.GetRequiredService<ImportRunner>().RunAsync(run.Id, CancellationToken.None);
        });

    /// <summary>Uploads a file through the import page's real form (antiforgery token included).</summary>
    public static async Task<HttpResponseMessage> UploadAsync(this HttpClient owner, string path, bool dryRun = false)
    {
        var page = await owner.GetDocumentAsync("/admin/import");
        var token = ((IHtmlInputElement)page.QuerySelector("#import-form input[name=__RequestVerificationToken]")!).Value;
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(dryRun ? "true" : "false"), "Input.DryRun" },
            { new ByteArrayContent(await File.ReadAllBytesAsync(path)), "Input.File", Path.GetFileName(path) },
        };
        return await owner.PostAsync("/admin/import", form);
    }
}
