using System.Net;
using Blog.Web.Tests.Infrastructure;

namespace Blog.Web.Tests.Statistics;

public sealed class StatisticsPageTests : IDisposable
{
    private readonly BlogFactory app = new();

    public void Dispose() => app.Dispose();

    private async Task<HttpClient> ReadAndSignInAsync()
    {
        await app.AddPostAsync("Most read");
        await app.AddPostAsync("Less read");
        await app.Reader("192.0.2.1").BrowseAsync("/blog/most-read", "https://news.ycombinator.com/item?id=1");
        await app.Reader("192.0.2.2").BrowseAsync("/blog/most-read?utm_source=newsletter", "https://www.google.com/");
        await app.Reader("192.0.2.3").BrowseAsync("/blog/less-read");
        await app.FetchFeedAsync("Feedly/1.0 (+http://www.feedly.com/fetcher.html; 42 subscribers)");
        await app.FlushStatisticsAsync();
        return await app.SignInAsOwnerAsync();
    }

    [Fact]
    public async Task The_statistics_page_shows_the_chart_the_most_read_posts_referrers_campaigns_and_feed_readers()
    {
        var owner = await ReadAndSignInAsync();

        var page = await owner.GetDocumentAsync("/admin/stats");

        Assert.Equal("3", page.Text("#total-views"));
        Assert.Equal("3", page.Text("#total-readers"));
        Assert.Equal("1", page.Text("#total-feed-fetches"));
        Assert.NotNull(page.QuerySelector("svg#stats-chart[role=img] desc"));
        Assert.Equal(30, page.QuerySelectorAll("#daily-table tbody tr").Length);
        Assert.Equal(["Most read", "Less read"], page.Texts("#top-content tbody th"));
        Assert.Equal(["2", "1"], page.Texts("#top-content tbody td:nth-child(2)"));
        Assert.Equal("page", page.QuerySelector("#period-30")!.GetAttribute("aria-current"));
        var sources = page.Texts("section[aria-labelledby=referrers-title] tbody th");
        Assert.Equal(["Google search engine", "news.ycombinator.com site"], sources);
        Assert.Equal(["newsletter campaign"], page.Texts("section[aria-labelledby=campaigns-title] tbody th"));
        Assert.Equal(["Feedly"], page.Texts("#feed-readers tbody th"));
        Assert.Equal("42", page.Text("#feed-readers tbody td"));
    }

    [Fact]
    public async Task The_period_can_be_a_week_or_a_year_and_anything_else_is_a_month()
    {
        var owner = await ReadAndSignInAsync();

        Assert.Equal(7, (await owner.GetDocumentAsync("/admin/stats?days=7")).QuerySelectorAll("#daily-table tbody tr").Length);
        Assert.Equal(365, (await owner.GetDocumentAsync("/admin/stats?days=365")).QuerySelectorAll("#daily-table tbody tr").Length);
        Assert.Equal(30, (await owner.GetDocumentAsync("/admin/stats?days=12")).QuerySelectorAll("#daily-table tbody tr").Length);
        Assert.Equal(30, (await owner.GetDocumentAsync("/admin/stats?days=abc")).QuerySelectorAll("#daily-table tbody tr").Length);
    }

    [Fact]
    public async Task A_post_has_its_own_figures_linked_from_its_editor()
    {
        var owner = await ReadAndSignInAsync();

        var editor = await owner.GetDocumentAsync("/admin/posts/1");
        var link = editor.QuerySelector("#content-statistics")!;
        Assert.Equal("2 views, 2 readers in 30 days", link.TextContent);

        var figures = await owner.GetDocumentAsync(link.GetAttribute("href")!);
        Assert.Equal("Most read", figures.Text("h1"));
        Assert.Equal("2", figures.Text("#total-readers"));
        Assert.Null(figures.QuerySelector("#total-feed-fetches"));
        Assert.Equal(["Google search engine", "news.ycombinator.com site"], figures.Texts("section[aria-labelledby=referrers-title] tbody th"));
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync("/admin/stats/post/999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync("/admin/stats/photo/1")).StatusCode);
    }

    [Fact]
    public async Task The_daily_figures_download_as_csv()
    {
        var owner = await ReadAndSignInAsync();
        var today = DateOnly.FromDateTime(app.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var site = await owner.GetAsync("/admin/stats/export/site.csv?days=7");
        var lines = (await site.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var pages = await owner.GetStringAsync("/admin/stats/export/pages.csv?days=all");

        Assert.Equal("text/csv", site.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", site.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(8, lines.Length);
        Assert.Equal("day,views,readers,feed_fetches", lines[0]);
        Assert.Equal($"{today},3,3,1", lines[^1]);
        Assert.Equal($"day,path,kind,views,readers\r\n{today},/blog/less-read,post,1,1\r\n{today},/blog/most-read,post,2,2\r\n", pages);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync("/admin/stats/export/other.csv")).StatusCode);
    }

    [Theory]
    [InlineData("/admin/stats")]
    [InlineData("/admin/stats/post/1")]
    [InlineData("/admin/stats/export/site.csv")]
    public async Task Only_the_owner_sees_the_statistics(string url)
    {
        await app.AddPostAsync("Private figures");
        var response = await app.CreateReader().GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/admin/account/login", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }
}
