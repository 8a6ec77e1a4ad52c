namespace Blog.Web.Instances;

/// <summary>
/// This running process among the blog's instances: its machine, its process id and a random part (a restarted
/// process, or a second one in the same test process, is a new instance). Leases and cache messages carry it.
/// </summary>
public sealed class InstanceIdentity
{
    public const int MaxLength = 100;

    public string Id { get; } = Shorten($"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}");

    private static string Shorten(string id) => id.Length <= MaxLength ? id : id[^MaxLength..];

    public override string ToString() => Id;
}
