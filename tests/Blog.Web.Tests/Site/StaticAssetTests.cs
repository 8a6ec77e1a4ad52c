using System.Net;
using Blog.Web.Tests.Infrastructure;

namespace Blog.Web.Tests.Site;

/// <summary>
/// Assets come from /wwwroot-assets. Served from the source tree (as under <c>dotnet run</c>) they are revalidated on
/// every request so CSS edits show at once; the published app's immutable caching is covered by <see cref="PublishedAppTests"/>.
/// </summary>
public sealed class StaticAssetTests : IDisposable
{
    private readonly BlogFactory app = new();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task Pages_link_fingerprinted_assets_that_are_served_from_the_source_tree()
    {
        var reader = app.CreateReader();
        var home = await reader.GetDocumentAsync("/");
        var stylesheet = home.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!;
        var icon = home.QuerySelector("link[rel=icon]")!.GetAttribute("href")!;

        var css = await reader.GetAsync(stylesheet);
        var svg = await reader.GetAsync(icon);

        Assert.Matches(@"^/css/site\.[a-z0-9]+\.css$", stylesheet);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        Assert.Contains(".site-header", await css.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
        Assert.Equal(
            await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "wwwroot-assets", "css", "site.css")),
            await css.Content.ReadAsStringAsync());
    }
}
