using System.Reflection;
using Blog.Web.Components;
using Blog.Web.Markdown;
using Blog.Web.Statistics;
using Microsoft.AspNetCore.Mvc.ApplicationParts;

namespace Blog.Web.Settings;

/// <summary>
/// The app's own assembly as MVC sees it, listing only the types MVC looks for in it: its tag helpers (it has no
/// controllers and no view components; pages are found through their compiled Razor items, a separate part).
/// <para>
/// The framework's part for the entry assembly lists every type of it, and MVC's controller, tag helper and view
/// component discovery load each one at start-up, which loads the assemblies of their base types and interfaces:
/// Markdig (the Markdown renderers), MimeKit and MailKit (mail), the managed SkiaSharp wrapper, before any reader asked
/// for anything that uses them. <c>SiteTypesPartTests</c> fail when a type MVC would discover is missing here.
/// </para>
/// </summary>
internal sealed class SiteTypesPart(Assembly assembly) : ApplicationPart, IApplicationPartTypeProvider
{
    /// <summary>What MVC discovers in this assembly. A new tag helper, controller or view component goes here too.</summary>
    internal static readonly Type[] DiscoveredTypes =
    [
        typeof(MarkdownTagHelper),
        typeof(StaticComponentTagHelper),
        typeof(StatisticsPixelTagHelper),
        typeof(ContentStatisticsTagHelper),
    ];

    public override string Name { get; } = assembly.GetName().Name!;

    public IEnumerable<TypeInfo> Types { get; } = [.. DiscoveredTypes.Select(type => type.GetTypeInfo())];

    /// <summary>Puts this part in place of the framework's part for the same assembly.</summary>
    public static void Replace(ApplicationPartManager manager)
    {
        var assembly = typeof(SiteTypesPart).Assembly;
        var index = manager.ApplicationParts.ToList().FindIndex(part => part is AssemblyPart whole && whole.Assembly == assembly);
        if (index >= 0)
        {
            manager.ApplicationParts[index] = new SiteTypesPart(assembly);
        }
    }
}
