using System.Text.Json;
using System.Xml;
using Blog.Web.Addresses;
using Blog.Web.Data;
using Blog.Web.Markdown;
using Microsoft.EntityFrameworkCore;
using YamlDotNet.Core;

namespace Blog.Web.Portability.Import;

/// <summary>
/// Runs one <see cref="ImportRun"/>: reads its file, imports item by item (one bad item is reported and skipped,
/// never fatal), keeps the run's progress counts current for its page, and stores the report at the end.
/// </summary>
public sealed partial class ImportRunner(
    BlogDbContext db, IServiceScopeFactory scopes, MarkdownRenderer renderer, TimeProvider clock, ImportUploads uploads,
    ReservedSegments reserved, ILogger<ImportRunner> logger, IImportedImageStore? store = null)
{
    public async Task<ImportRun> RunAsync(int runId, CancellationToken cancellationToken)
    {
        var run = await db.ImportRuns.SingleAsync(r => r.Id == runId, cancellationToken);
        (run.Status, run.StartedAtUtc) = (ImportRunStatus.Running, Now);
        await db.SaveChangesAsync(cancellationToken);
        var report = new ImportReport();
        var (status, error) = (ImportRunStatus.Succeeded, (string?)null);
        try
        {
            var settings = await db.SiteSettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? new Settings.SiteSettings();
            using var source = Open(run, settings.TimeZone);
            await ImportAsync(run, source, report, cancellationToken);
        }
        catch (Exception e) when (Describe(e) is { } message)
        {
            LogImportRunFailed(logger, run.Id, run.FileName, message);
            (status, error) = (ImportRunStatus.Failed, message);
        }

        // A successful dry run keeps its file, so the author can import it for real without uploading it again.
        var keepFile = run.DryRun && status == ImportRunStatus.Succeeded;
        if (!keepFile)
        {
            uploads.Forget(run.SourcePath);
        }

        // Items clear the change tracker as they go: attach the run afresh to record how it ended.
        db.ChangeTracker.Clear();
        db.Attach(run);
        (run.Status, run.Error) = (status, error);
        db.Entry(run).State = EntityState.Modified;
        (run.ReportJson, run.FinishedAtUtc, run.SourcePath) = (report.ToJson(), Now, keepFile ? run.SourcePath : null);
        await db.SaveChangesAsync(CancellationToken.None);
        return run;
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The run's file, opened to be read item by item as the import goes.</summary>
    private static ImportSource Open(ImportRun run, TimeZoneInfo timeZone)
    {
        var path = run.SourcePath ?? throw new InvalidDataException("The uploaded file is no longer there; upload it again.");
        if (Directory.Exists(path))
        {
            return new MarkdownFilesReader(timeZone).OpenFolder(path);
        }

        return run.FileName.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)
            ? new MarkdownFilesReader(timeZone).OpenZip(File.OpenRead(path))
            : new WxrReader(timeZone).Open(path);
    }

    private async Task ImportAsync(ImportRun run, ImportSource source, ImportReport report, CancellationToken cancellationToken)
    {
        using var downloader = new ImageDownloader(new ImageDownloadLimits(AllowPrivateAddresses: run.AllowPrivateAddresses));
        var images = new ImageImporter(store, downloader, report, source.Media);
        var importer = new ContentImporter(db, renderer, images, reserved, report, Now, run.DryRun);
        run.Total = source.Count;
        await SaveProgressAsync(run, cancellationToken);

        foreach (var entry in source.Entries)
        {
            var line = entry.Content is { } item
                ? await ImportOneAsync(importer, item, cancellationToken)
                : new ReportLine(entry.Skipped!.Position, entry.Skipped.Title, "item", Outcomes.Skipped, null, entry.Skipped.Reason);
            report.Items.Add(line);
            Count(run, line.Outcome);
            (run.Processed, run.ImagesFailed) = (run.Processed + 1, images.Failed);
            await SaveProgressAsync(run, cancellationToken);
        }

        if (source.Site is { } site && !run.DryRun)
        {
            report.Items.Add(await SiteDataImporter.ImportAsync(db, site, Now, cancellationToken));
        }

        report.Items.Sort((a, b) => a.Position.CompareTo(b.Position));
    }

    private async Task<ReportLine> ImportOneAsync(ContentImporter importer, ImportedContent item, CancellationToken cancellationToken)
    {
        try
        {
            return await importer.ImportAsync(item, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Whatever goes wrong with one item (a constraint, an image store error) is reported and the import goes on.
            db.ChangeTracker.Clear();
            return new ReportLine(item.Position, item.Title, item.Kind.ToString().ToLowerInvariant(), Outcomes.Skipped, null, $"it could not be saved: {e.GetBaseException().Message}");
        }
    }

    private static void Count(ImportRun run, string outcome)
    {
        switch (outcome)
        {
            case Outcomes.Created: run.Created++; break;
            case Outcomes.Updated: run.Updated++; break;
            case Outcomes.Unchanged: run.Unchanged++; break;
            default: run.Skipped++; break;
        }
    }

    /// <summary>Progress goes through its own context, so it never mixes with an item's half-done changes.</summary>
    private async Task SaveProgressAsync(ImportRun run, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var progress = scope.ServiceProvider.GetRequiredService<BlogDbContext>();
        await progress.ImportRuns.Where(r => r.Id == run.Id).ExecuteUpdateAsync(set => set
            .SetProperty(r => r.Total, run.Total).SetProperty(r => r.Processed, run.Processed)
            .SetProperty(r => r.Created, run.Created).SetProperty(r => r.Updated, run.Updated)
            .SetProperty(r => r.Unchanged, run.Unchanged).SetProperty(r => r.Skipped, run.Skipped)
            .SetProperty(r => r.ImagesFailed, run.ImagesFailed), cancellationToken);
    }

    /// <summary>What a malformed file gets told, in words; null for exceptions that are bugs, not bad input.</summary>
    private static string? Describe(Exception e) => e switch
    {
        XmlException xml => $"The file is not well-formed XML: {xml.Message} (line {xml.LineNumber}, position {xml.LinePosition}). Nothing was imported.",
        InvalidDataException bad => $"The file cannot be imported: {bad.Message}",
        JsonException json => $"site.json could not be read: {json.Message}",
        YamlException yaml => $"Front matter could not be read: {yaml.Message}",
        IOException io => $"The file could not be read: {io.Message}",
        UnauthorizedAccessException denied => $"The file could not be read: {denied.Message}",
        _ => null,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import {RunId} of {File} failed: {Message}")]
    private static partial void LogImportRunFailed(ILogger logger, int runId, string file, string message);
}
