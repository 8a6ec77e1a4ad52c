using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestCollectionOrderer("Blog.Web.Tests.Infrastructure.LongestFirst", "Blog.Web.Tests")]

namespace Blog.Web.Tests.Infrastructure;

/// <summary>
/// Starts the test collections that take longest first, then the rest in xunit's own order. Two collections run at a
/// time (two cores); left to chance, a test that builds or publishes the app or waits on processes for a minute or
/// two may start last and run alone while everything else is done. Started first, it runs beside the many short
/// ones instead. Only the order changes: every collection still runs, and the same ones side by side as before.
/// </summary>
public sealed class LongestFirst : ITestCollectionOrderer
{
    /// <summary>The collections that took longest in a full run (seconds, summed over their tests), longest first.</summary>
    private static readonly string[] Longest =
    [
        BrowserCollection.Name, // every Chromium test shares one browser, so they run one after another: about 5 minutes
        "Site.ReadmeRunCommandTests", // builds a clean copy of the repository
        "Instances.BehindNginxTests",
        "Subscriptions.MailingKillTests",
        "Accounts.AdminCommandTests",
        "Site.PublishedAppTests", // publishes the app
        "Instances.SharedPostgreSqlDatabaseTests",
        "Instances.SharedSqliteFileTests",
        "Portability.CopyToPostgreSqlTests",
        "Editing.PostEditorTestsOnPostgreSql",
        "Statistics.ReaderStatisticsTestsOnPostgreSql",
        "Media.MediaUploadTestsOnPostgreSql",
        "Webmentions.ReceiveWebmentionTestsOnPostgreSql",
        "Accounts.LoginTestsOnPostgreSql",
    ];

    private readonly DefaultTestCollectionOrderer xunitOrder = new();

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        xunitOrder.OrderTestCollections(testCollections).OrderBy(Rank); // OrderBy is stable: the rest keep xunit's order

    private static int Rank(ITestCollection collection)
    {
        // A class without [Collection] is its own collection, named "Test collection for Blog.Web.Tests.<Folder>.<Class>".
        var name = collection.DisplayName;
        for (var i = 0; i < Longest.Length; i++)
        {
            if (name == Longest[i] || name.EndsWith("Blog.Web.Tests." + Longest[i], StringComparison.Ordinal))
            {
                return i;
            }
        }

        return Longest.Length;
    }
}
