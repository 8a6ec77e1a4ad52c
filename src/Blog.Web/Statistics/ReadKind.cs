namespace Blog.Web.Statistics;

/// <summary>What a counted request read. Stored as its number: never renumber.</summary>
public enum ReadKind
{
    Home = 1,
    Post = 2,
    Page = 3,
    Tag = 4,
    Category = 5,
    Feed = 6,
}

/// <summary>
/// Marks a public page or endpoint whose successful reads are counted in the statistics, and as what. The counting
/// happens at the front of the pipeline (<see cref="ReadCountingMiddleware"/>), so a page answered by the page cache
/// is counted like a rendered one.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = false)]
public sealed class CountedReadAttribute(ReadKind kind) : Attribute
{
    public ReadKind Kind { get; } = kind;
}

/// <summary>Marks the statistics pixel, which the counting middleware answers itself, before the rest of the pipeline.</summary>
internal sealed class StatisticsPixelMarker
{
    public static readonly StatisticsPixelMarker Instance = new();
}
