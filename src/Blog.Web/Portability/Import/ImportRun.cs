using Blog.Web.Data;

namespace Blog.Web.Portability.Import;

public enum ImportRunStatus
{
    Queued = 0,
    Running = 1,
    Succeeded = 2,
    Failed = 3,
}

/// <summary>One import of one file: its progress while it runs in the background, and its report afterwards.</summary>
[HiddenFromReaders]
public sealed class ImportRun
{
    public int Id { get; private set; }

    public string FileName { get; set; } = "";

    /// <summary>Where the uploaded file waits for the background worker; deleted once the run ends.</summary>
    public string? SourcePath { get; set; }

    public bool DryRun { get; set; }

    public bool AllowPrivateAddresses { get; set; }

    public ImportRunStatus Status { get; set; }

    public int Total { get; set; }

    public int Processed { get; set; }

    public int Created { get; set; }

    public int Updated { get; set; }

    public int Unchanged { get; set; }

    public int Skipped { get; set; }

    public int ImagesFailed { get; set; }

    /// <summary>Why the whole run failed (a malformed file), in words for the author.</summary>
    public string? Error { get; set; }

    /// <summary>The <see cref="ImportReport"/> as JSON.</summary>
    public string? ReportJson { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? StartedAtUtc { get; set; }

    public DateTime? FinishedAtUtc { get; set; }

    /// <summary>The instance running this import (<see cref="Instances.InstanceIdentity"/>), which renews <see cref="LeaseUntil"/> while it runs.</summary>
    public string? LeaseHolder { get; set; }

    /// <summary>
    /// Until when <see cref="LeaseHolder"/> has the run: an instance that dies stops renewing it, and another then
    /// resumes the run (or fails it, saying why, when the uploaded file is not on its disk).
    /// </summary>
    public DateTime? LeaseUntil { get; set; }

    public bool IsFinished => Status is ImportRunStatus.Succeeded or ImportRunStatus.Failed;
}
