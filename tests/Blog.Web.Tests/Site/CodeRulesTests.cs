using System.Text.RegularExpressions;
using Blog.Web.Tests.Infrastructure;

namespace Blog.Web.Tests.Site;

/// <summary>
/// The rules the README's map of the code states, read off the source: addresses built only through SitePaths, one
/// clock, and each folder's arrows pointing the way the map says.
/// </summary>
public sealed partial class CodeRulesTests
{
    private static readonly string Source = Path.Combine(RepositoryRoot.Path, "src", "Blog.Web");

    /// <summary>Folder, and the folders of ours it must not depend on (as the README says).</summary>
    public static TheoryData<string, string[]> Rules => new()
    {
        { "Addresses", ["Pages", "Areas", "Editing", "Portability", "Caching"] },
        { "Posts", ["Editing", "Portability", "Pages", "Areas"] },
        { "StaticPages", ["Editing", "Portability", "Pages", "Areas"] },
        { "Writing", ["Editing", "Portability", "Pages", "Areas"] },
        { "Editing", ["Portability"] },
        { "Portability", ["Editing", "Pages", "Areas"] },
        { "Media", ["Editing", "Pages", "Areas"] },
        { "Search", ["Pages", "Areas", "Editing", "Portability"] },
        { "Seo", ["Editing", "Portability", "Areas"] },
        { "Feeds", ["Editing", "Portability", "Areas"] },
        { "Caching", ["Editing", "Portability", "Areas"] },
        { "Settings", ["Editing", "Portability", "Areas"] },
        { "Accounts", ["Posts", "StaticPages", "Editing", "Portability", "Media", "Pages"] },
        { "Data", ["Pages", "Areas", "Components"] },
        { "Components", ["Data", "Areas"] },
        { "Pages", ["Areas", "Editing", "Portability"] },
        { "Subscriptions", ["Pages", "Areas", "Editing", "Portability"] },
        { "Webmentions", ["Pages", "Areas", "Editing", "Portability", "Caching"] },
        { "Mail", ["Pages", "Areas", "Components", "Editing", "Portability", "Posts", "StaticPages", "Caching"] },
        { "Instances", ["Pages", "Areas", "Components", "Editing", "Portability"] },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void A_folder_does_not_depend_on_what_the_map_forbids(string folder, string[] forbidden)
    {
        var broken = SourceFiles(Path.Combine(Source, folder))
            .SelectMany(file => NamespaceReference().Matches(File.ReadAllText(file))
                .Select(m => m.Groups[1].Value)
                .Where(forbidden.Contains)
                .Select(used => $"{Path.GetRelativePath(Source, file)} uses {used}"))
            .Distinct()
            .ToList();

        Assert.True(broken.Count == 0, string.Join(Environment.NewLine, broken));
    }

    [Fact]
    public void No_page_component_or_view_writes_a_site_address_by_hand()
    {
        var byHand = SourceFiles(Source)
            .Where(file => !file.StartsWith(Path.Combine(Source, "Addresses"), StringComparison.Ordinal))
            .SelectMany(file => File.ReadAllLines(file).Select((line, index) => (file, line, index)))
            .Where(l => !RouteDefinition().IsMatch(l.line) && HandWrittenAddress().IsMatch(l.line))
            .Select(l => $"{Path.GetRelativePath(Source, l.file)}:{l.index + 1}: {l.line.Trim()}")
            .ToList();

        Assert.True(byHand.Count == 0, "Build these through SitePaths:" + Environment.NewLine + string.Join(Environment.NewLine, byHand));
    }

    [Fact]
    public void Time_comes_from_the_apps_clock()
    {
        var direct = SourceFiles(Source)
            .Where(file => File.ReadAllText(file).Contains("DateTime.UtcNow", StringComparison.Ordinal) || File.ReadAllText(file).Contains("DateTime.Now", StringComparison.Ordinal))
            .Select(file => Path.GetRelativePath(Source, file))
            .ToList();

        Assert.Empty(direct);
    }

    private static IEnumerable<string> SourceFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    [GeneratedRegex(@"\bBlog\.Web\.(\w+)")]
    private static partial Regex NamespaceReference();

    /// <summary>Where routes are defined (a page's <c>@page</c>, an endpoint map): the route table, not a link.</summary>
    [GeneratedRegex(@"^\s*@page\b|\.Map(Get|Methods|Post|Group)\(")]
    private static partial Regex RouteDefinition();

    /// <summary>A link, form action or redirect to one of the site's own paths, or a path literal for a post or the dashboard.</summary>
    [GeneratedRegex(@"(href|action|src)=""/(?!/)|""/(admin|blog)\b|\$""/|Redirect\(""/")]
    private static partial Regex HandWrittenAddress();
}
