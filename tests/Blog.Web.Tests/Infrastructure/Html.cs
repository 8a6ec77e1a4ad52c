using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Blog.Web.Tests.Infrastructure;

public static class Html
{
    private static readonly HtmlParser Parser = new();

    public static IDocument Parse(string html) => Parser.ParseDocument(html);

    public static async Task<IDocument> GetDocumentAsync(this HttpClient client, string url, HttpStatusCodeExpectation expect = HttpStatusCodeExpectation.Ok)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        if (expect == HttpStatusCodeExpectation.Ok && !response.IsSuccessStatusCode)
        {
            throw new Xunit.Sdk.XunitException($"GET {url} answered {(int)response.StatusCode}:\n{body[..Math.Min(body.Length, 2000)]}");
        }

        return Parse(body);
    }

    public static IReadOnlyList<string> Texts(this IDocument document, string selector) =>
        document.QuerySelectorAll(selector).Select(e => e.TextContent.Trim()).ToList();

    public static string Text(this IDocument document, string selector) =>
        document.QuerySelector(selector)?.TextContent.Trim()
        ?? throw new Xunit.Sdk.XunitException($"No element matches '{selector}' in:\n{document.Body?.InnerHtml}");
}

public enum HttpStatusCodeExpectation
{
    Ok,
    Any,
}
