using System.Net.Http.Headers;
using Blog.Web.Tests.Infrastructure;

namespace Blog.Web.Tests.Caching;

/// <summary>A post page, photos aside, is small over the wire, needs no script and asks no other site for anything.</summary>
public sealed class LightPageTests : IDisposable
{
    private readonly BlogFactory app = new();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task A_long_post_page_with_its_css_and_scripts_is_at_most_25_KB_over_the_wire()
    {
        var essay = string.Join("\n\n", Enumerable.Range(1, 40).Select(i =>
            $"## Part {i}\n\nThe harbour was quiet in the early light, and the boats rocked against the pier while gulls argued overhead about nothing in particular, {i}."));
        await app.AddPostAsync("A long essay", category: "Essays", tags: ["Sea", "Light"], body: essay);
        await app.AddDailyPostsAsync(3);
        var reader = app.CreateReader();

        var (html, htmlBytes) = await GetCompressedAsync(reader, "/blog/a-long-essay");
        var page = Html.Parse(html);
        var assets = page.QuerySelectorAll("link[rel=stylesheet], script[src]")
            .Select(e => e.GetAttribute("href") ?? e.GetAttribute("src")!)
            .ToList();
        var total = htmlBytes;
        foreach (var asset in assets)
        {
            total += (await GetCompressedAsync(reader, asset)).Bytes;
        }

        Assert.True(total <= 25 * 1024, $"the post page costs {total} bytes over the wire ({htmlBytes} of HTML)");
        // Reading needs no script: the only ones allowed are our own optional modules (the comment form's in-place
        // sending), loaded from the site itself and counted in the budget above; never an inline script.
        Assert.All(page.QuerySelectorAll("script:not([type='application/ld+json'])"), script =>
        {
            Assert.Equal("module", script.GetAttribute("type"));
            Assert.StartsWith("/", script.GetAttribute("src") ?? "");
        });
        var external = page.QuerySelectorAll("[src], link[href], [srcset]")
            .Select(e => e.GetAttribute("src") ?? e.GetAttribute("href") ?? e.GetAttribute("srcset")!)
            .Where(url => url.StartsWith("//", StringComparison.Ordinal) || (url.StartsWith("http", StringComparison.OrdinalIgnoreCase) && new Uri(url).Host != "localhost"))
            .ToList();
        Assert.Empty(external);
    }

    private static async Task<(string Text, int Bytes)> GetCompressedAsync(HttpClient client, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var encoding = response.Content.Headers.ContentEncoding.SingleOrDefault();
        Stream decoded = encoding switch
        {
            "br" => new System.IO.Compression.BrotliStream(new MemoryStream(bytes), System.IO.Compression.CompressionMode.Decompress),
            "gzip" => new System.IO.Compression.GZipStream(new MemoryStream(bytes), System.IO.Compression.CompressionMode.Decompress),
            _ => new MemoryStream(bytes),
        };
        using var textReader = new StreamReader(decoded);
        return (await textReader.ReadToEndAsync(), bytes.Length);
    }
}
