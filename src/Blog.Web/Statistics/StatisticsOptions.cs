namespace Blog.Web.Statistics;

/// <summary>Reader statistics settings (<c>Blog:Statistics</c>).</summary>
public sealed class StatisticsOptions
{
    public const string Section = "Blog:Statistics";

    /// <summary>Off: nothing is counted, pages carry no pixel, the dashboard shows what was stored before.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often counted reads are written to the database: what a crash (kill -9) can lose at most.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Reads waiting to be tallied. The tally runs every quarter second, so this is only reached under a flood; reads past
    /// it are dropped rather than let memory grow or a request wait.
    /// </summary>
    public int QueueLimit { get; set; } = 200_000;

    /// <summary>Daily figures older than this many days are deleted when a day ends; 0 keeps them for good.</summary>
    public int KeepDays { get; set; }

    /// <summary>Distinct (reader, page) pairs remembered for the day, to tell a reader's first view of a page; about 40 bytes each.</summary>
    public int MaxTrackedViewsPerDay { get; set; } = 1_000_000;
}
