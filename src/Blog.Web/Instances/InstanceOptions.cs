namespace Blog.Web.Instances;

/// <summary>How instances share work (<c>Blog:Instances:...</c>).</summary>
public sealed class InstanceOptions
{
    public const string Section = "Blog:Instances";

    /// <summary>
    /// How long a job lease (a mailing pass, an import) holds without being renewed; the holder renews it every third of
    /// this. An instance that dies holds its work this long at most before another takes it over.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often an instance looks for imports left behind by one that died.</summary>
    public TimeSpan ImportPollInterval { get; set; } = TimeSpan.FromSeconds(15);
}
