using System.Globalization;

namespace Blog.Web.Settings;

/// <summary>
/// The time zones the author chooses from: IANA ids (Europe/Paris) on every platform, each labelled with its standard
/// offset, and the server's own zone as a new blog's default.
/// </summary>
public static class TimeZones
{
    public sealed record Choice(string Id, string Label);

    public static IReadOnlyList<Choice> All { get; } = Build();

    private static readonly HashSet<string> Known = All.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);

    public static bool IsKnown(string? id) => id is not null && Known.Contains(id);

    /// <summary>The IANA id of the server's zone (<see cref="TimeProvider.LocalTimeZone"/>), or UTC.</summary>
    public static string ServerDefault(TimeProvider clock) =>
        IanaId(clock.LocalTimeZone) is { } id && IsKnown(id) ? id : "UTC";

    private static string? IanaId(TimeZoneInfo zone) =>
        zone.HasIanaId ? zone.Id : TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out var iana) ? iana : null;

    private static List<Choice> Build()
    {
        var choices = TimeZoneInfo.GetSystemTimeZones()
            .Select(zone => (Zone: zone, Id: IanaId(zone)))
            .Where(z => z.Id is not null && z.Id.Contains('/', StringComparison.Ordinal) && !z.Id.StartsWith("Etc/", StringComparison.Ordinal))
            .DistinctBy(z => z.Id)
            .Select(z => new Choice(z.Id!, $"{z.Id!.Replace('_', ' ')} (UTC{Offset(z.Zone.BaseUtcOffset)})"))
            .OrderBy(c => c.Id, StringComparer.Ordinal)
            .ToList();
        choices.Insert(0, new Choice("UTC", "UTC (UTC+00:00)"));
        return choices;
    }

    private static string Offset(TimeSpan offset) =>
        (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);
}
