using AngleSharp.Dom;
using Blog.Web.Statistics;
using Blog.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Blog.Web.Tests.Statistics;

/// <summary>Readers with their own address and browser, and the figures the app stored.</summary>
internal static class StatisticsClient
{
    public const string Firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
    public const string Safari = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";

    /// <summary>A reader at <paramref name="address"/> (through the loopback proxy's X-Forwarded-For, as behind nginx).</summary>
    public static HttpClient Reader(this BlogFactory app, string address, string? userAgent = Firefox)
    {
        var client = app.CreateReader();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        if (userAgent is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", userAgent);
        }

        return client;
    }

    /// <summary>What a browser does: the page, then the stylesheets it links to (the statistics pixel among them).</summary>
    public static async Task<HttpResponseMessage> BrowseAsync(this HttpClient reader, string url, string? referrer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (referrer is not null)
        {
            request.Headers.Referrer = new Uri(referrer);
        }

        var page = await reader.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
        var document = Html.Parse(await page.Content.ReadAsStringAsync());
        var pixel = Pixel(document);
        Assert.NotNull(pixel);
        var seen = await reader.GetAsync(pixel);
        Assert.Equal(System.Net.HttpStatusCode.OK, seen.StatusCode);
        return page;
    }

    /// <summary>A program that fetches the page and, if it is thorough, its stylesheets too.</summary>
    public static async Task BrowseWithAgentAsync(this BlogFactory app, string address, string userAgent, string url)
    {
        var reader = app.Reader(address, userAgent);
        var page = await reader.GetAsync(url);
        if (Pixel(Html.Parse(await page.Content.ReadAsStringAsync())) is { } pixel)
        {
            await reader.GetAsync(pixel);
        }
    }

    public static async Task FetchFeedAsync(this BlogFactory app, string userAgent, string url = "/feed/rss")
    {
        var response = await app.Reader("198.51.100.200", userAgent).GetAsync(url);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    public static string? Pixel(IDocument document) =>
        document.QuerySelector("link[rel=stylesheet][href^='/stats/seen/']")?.GetAttribute("href");

    public static async Task FlushStatisticsAsync(this BlogFactory app) =>
        await app.Services.GetRequiredService<StatisticsRecorder>().FlushAsync();

    public static Task<List<DailyPageFigures>> PageFiguresAsync(this BlogFactory app) =>
        app.WithDbAsync((db, _) => Task.FromResult(db.StatisticsPages.OrderBy(p => p.Day).ThenBy(p => p.Path).ToList()));

    public static Task<List<DailySiteFigures>> SiteFiguresAsync(this BlogFactory app) =>
        app.WithDbAsync((db, _) => Task.FromResult(db.StatisticsDays.OrderBy(d => d.Day).ToList()));

    public static Task<List<DailySourceFigures>> SourceFiguresAsync(this BlogFactory app) =>
        app.WithDbAsync((db, _) => Task.FromResult(db.StatisticsSources.OrderBy(s => s.Name).ToList()));

    public static Task<List<DailyFeedFigures>> FeedFiguresAsync(this BlogFactory app) =>
        app.WithDbAsync((db, _) => Task.FromResult(db.StatisticsFeeds.OrderBy(s => s.Reader).ToList()));

    /// <summary>Every row of every Statistics* table, each cell as text, read straight from the file.</summary>
    public static async Task<List<(string Table, string Column, string Value)>> EveryStatisticsCellAsync(BlogFactory app)
    {
        var cells = new List<(string, string, string)>();
        var postgres = app as PostgresBlogFactory;
        await using System.Data.Common.DbConnection connection = postgres is null
            ? new SqliteConnection($"Data Source={app.DatabasePath};Mode=ReadOnly;Pooling=False")
            : new Npgsql.NpgsqlConnection(postgres.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = postgres is null
                ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'Statistics%'"
                : "SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema() AND table_name LIKE 'Statistics%'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    cells.Add((table, reader.GetName(i), reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? ""));
                }
            }
        }

        Assert.Equal(4, tables.Count);
        return cells;
    }
}
