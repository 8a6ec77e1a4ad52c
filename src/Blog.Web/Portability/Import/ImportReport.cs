using System.Text.Json;

namespace Blog.Web.Portability.Import;

/// <summary>What one import did, item by item: kept as JSON on the <see cref="ImportRun"/> and shown on its page.</summary>
public sealed class ImportReport
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public List<ReportLine> Items { get; init; } = [];

    public List<ImageProblem> Images { get; init; } = [];

    /// <summary>What the import did besides its items, in sentences (sample content that made way for the author's).</summary>
    public List<string> Notes { get; init; } = [];

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ImportReport FromJson(string? json) =>
        string.IsNullOrEmpty(json) ? new ImportReport() : JsonSerializer.Deserialize<ImportReport>(json, Json) ?? new ImportReport();
}

public static class Outcomes
{
    public const string Created = "created";
    public const string Updated = "updated";
    public const string Unchanged = "unchanged";
    public const string Skipped = "skipped";
}

/// <param name="Outcome">One of <see cref="Outcomes"/>.</param>
/// <param name="Address">Its address on this blog, such as /blog/my-post.</param>
public sealed record ReportLine(int Position, string Title, string Kind, string Outcome, string? Address = null, string? Reason = null);

/// <summary>An image that stayed at its original address, and why.</summary>
public sealed record ImageProblem(string Url, string Reason, string? ItemTitle = null);
