using Blog.Web.Data;

namespace Blog.Web.Instances;

/// <summary>
/// A job that must run on one instance at a time (a mailing pass, the weekly digest): the instance that holds it, and
/// until when. Claimed by one UPDATE that only matches when the lease is free or expired, so two instances never
/// both hold it; an instance that dies simply stops renewing, and another takes the job over once it expires.
/// </summary>
[HiddenFromReaders]
public sealed class Lease
{
    public const int MaxNameLength = 100;

    public string Name { get; set; } = "";

    /// <summary>The holder's <see cref="InstanceIdentity.Id"/> (kept after release, for the logs and for a person looking).</summary>
    public string? Holder { get; set; }

    public DateTime ExpiresAt { get; set; }
}
