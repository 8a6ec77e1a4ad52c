using Microsoft.AspNetCore.Routing.Patterns;

namespace Blog.Web.Addresses;

/// <summary>
/// The first path segments the app's own routes begin with (<c>admin</c>, <c>blog</c>, <c>archive</c>, the static
/// assets' <c>css</c>…), read from its route table: a static page at <c>/{slug}</c> there would be unreachable or would
/// hide a feature, and a page added tomorrow is covered without anyone remembering to list it.
/// </summary>
public sealed class ReservedSegments(EndpointDataSource endpoints)
{
    private readonly Lazy<IReadOnlySet<string>> segments = new(() => Read(endpoints));

    public IReadOnlySet<string> All => segments.Value;

    public bool Contains(string slug) => All.Contains(slug);

    private static HashSet<string> Read(EndpointDataSource endpoints)
    {
        var reserved = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var endpoint in endpoints.Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.RoutePattern.PathSegments is [var first, ..] && first.Parts is [RoutePatternLiteralPart literal, ..])
            {
                // A segment such as "sitemap-{number}.xml" reserves its literal start; slugs never hold a dot, so
                // "robots.txt" reserves what a slug could spell of it ("robots-txt") as well.
                reserved.Add(literal.Content.TrimEnd('-'));
                reserved.Add(literal.Content.Replace('.', '-'));
            }
        }

        return reserved;
    }
}
