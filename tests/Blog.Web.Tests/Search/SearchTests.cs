using System.Net;
using Blog.Web.Tests.Infrastructure;

namespace Blog.Web.Tests.Search;

public class SearchTests : IDisposable
{
    private readonly BlogFactory app;

    public SearchTests()
        : this(new BlogFactory())
    {
    }

    /// <summary>The same tests on another provider (SearchTestsOnPostgreSql).</summary>
    protected SearchTests(BlogFactory app) => this.app = app;

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            app.Dispose();
        }
    }

    private Task<AngleSharp.Dom.IDocument> SearchAsync(string query, int page = 1) =>
        app.CreateReader().GetDocumentAsync($"/search?q={Uri.EscapeDataString(query)}" + (page > 1 ? $"&page={page}" : ""));

    [Fact]
    public async Task Every_page_has_a_search_box_that_works_without_javascript()
    {
        var home = await app.CreateReader().GetDocumentAsync("/");
        var form = home.QuerySelector("header form.site-search[role=search]")!;

        Assert.Equal("/search", form.GetAttribute("action"));
        Assert.Equal("get", form.GetAttribute("method"));
        Assert.Equal("q", form.QuerySelector("input[type=search]")!.GetAttribute("name"));
        Assert.Equal("Search", form.QuerySelector("label[for=q]")!.TextContent);
    }

    [Fact]
    public async Task A_title_match_ranks_above_a_tag_match_which_ranks_above_a_body_only_match()
    {
        await app.AddPostAsync("Notes from a trip", app.UtcNow.AddDays(-1), body: "We walked past the lighthouse at dawn.");
        await app.AddPostAsync("The lighthouse", app.UtcNow.AddDays(-2), body: "Tall and white.");
        await app.AddPostAsync("Tagged only", app.UtcNow.AddDays(-3), body: "Nothing here.", tags: ["Lighthouses"]);

        var results = await SearchAsync("lighthouse");

        Assert.Equal(["The lighthouse", "Tagged only", "Notes from a trip"], results.Texts(".search-result__title"));
        Assert.Equal("/blog/the-lighthouse", results.QuerySelector(".search-result__title a")!.GetAttribute("href"));
        Assert.Equal("lighthouse", results.QuerySelector("#q")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Snippets_highlight_the_words_and_escape_the_posts_own_text()
    {
        await app.AddPostAsync("Markup", body: "Write `<b>bold</b>` to make the harbour words stand out.");

        var results = await SearchAsync("harbour");
        var snippet = results.QuerySelector(".search-result__snippet")!;

        Assert.Equal(["harbour"], snippet.QuerySelectorAll("mark").Select(m => m.TextContent));
        Assert.Empty(snippet.QuerySelectorAll("b"));
        Assert.Contains("<b>bold</b>", snippet.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Words_match_without_accents_and_by_prefix()
    {
        await app.AddPostAsync("Crème brûlée in Lyon", body: "Photography of desserts.");

        Assert.Equal(["Crème brûlée in Lyon"], (await SearchAsync("creme brulee")).Texts(".search-result__title"));
        Assert.Equal(["Crème brûlée in Lyon"], (await SearchAsync("photog")).Texts(".search-result__title"));
    }

    [Fact]
    public async Task Drafts_scheduled_and_trashed_posts_are_never_found()
    {
        await app.AddPostAsync("Visible kelp", body: "kelp");
        await app.AddPostAsync("Draft kelp", draft: true, body: "kelp");
        await app.AddPostAsync("Scheduled kelp", app.UtcNow.AddDays(1), body: "kelp");
        var trashed = await app.AddPostAsync("Trashed kelp", body: "kelp");
        await app.WithDbAsync(async db =>
        {
            db.Attach(trashed).Entity.MoveToTrash(app.UtcNow);
            await db.SaveChangesAsync();
        });

        Assert.Equal(["Visible kelp"], (await SearchAsync("kelp")).Texts(".search-result__title"));
        app.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(["Scheduled kelp", "Visible kelp"], (await SearchAsync("kelp")).Texts(".search-result__title"));
    }

    [Fact]
    public async Task Results_come_in_pages_of_ten()
    {
        for (var i = 1; i <= 12; i++)
        {
            await app.AddPostAsync($"Tide table {i}", app.UtcNow.AddDays(-i), body: "tide");
        }

        var first = await SearchAsync("tide");
        var second = await app.CreateReader().GetDocumentAsync(first.QuerySelector(".pager a[rel=next]")!.GetAttribute("href")!);

        Assert.Equal(10, first.QuerySelectorAll(".search-result").Length);
        Assert.Equal(["Tide table 11", "Tide table 12"], second.Texts(".search-result__title"));
        Assert.Equal("Page 2 of 2", second.Text(".pager__position"));
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateReader().GetAsync("/search?q=tide&page=3")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateReader().GetAsync("/search?q=tide&page=0")).StatusCode);
    }

    [Fact]
    public async Task Nothing_found_says_so_kindly()
    {
        await app.AddPostAsync("A post", body: "words");

        var results = await SearchAsync("zeppelin");
        var empty = await app.CreateReader().GetDocumentAsync("/search");

        Assert.Equal("Nothing found for “zeppelin”. Try fewer words, or other ones.", results.Text("#search-empty"));
        Assert.Contains("Type a word or two", empty.Text("#search-empty"), StringComparison.Ordinal);
        Assert.Equal("noindex", results.QuerySelector("meta[name=robots]")!.GetAttribute("content"));
    }

    private static readonly string[] HostileQueries =
    [
        "\"", "\"\"", "\"unbalanced", "fog\"bay", "*", "-", "-fog", "fog*", "**fog", "AND", "OR", "NOT", "fog AND", "OR bay",
        "NOT fog", "NEAR", "NEAR(fog bay)", "NEAR(fog", "fog NEAR/2 bay", "(", ")", "((fog)", "fog)", "title:fog", "Title:",
        "^fog", "fog + bay", "{fog}", "[fog]", "fog:bay:", "🐟", "fog 🐟 bay", "👩‍👩‍👧", "\u0002\u0003", "%", "'; DROP TABLE Posts; --",
        "?!.,;", "\\", "\0", new string('a', 1_000), string.Join(' ', Enumerable.Repeat("fog", 400)), new string('"', 1_000),
        string.Concat(Enumerable.Repeat("🌊", 600)),
    ];

    /// <summary>Every hostile query against one blog (a blog per query cost a start-up each, twice over with PostgreSQL).</summary>
    [Fact]
    public async Task Any_query_a_person_can_type_answers_results_or_nothing_found()
    {
        await app.AddPostAsync("Fog over the bay", body: "Fog and sea, AND or NOT.");
        var reader = app.CreateReader();
        var failures = new List<string>();

        foreach (var query in HostileQueries)
        {
            using var response = await reader.GetAsync($"/search?q={Uri.EscapeDataString(query)}&page=1");
            var page = Html.Parse(await response.Content.ReadAsStringAsync());
            if (response.StatusCode != HttpStatusCode.OK || (page.QuerySelector(".search-result") is null && page.QuerySelector("#search-empty") is null))
            {
                failures.Add($"{Uri.EscapeDataString(query[..Math.Min(query.Length, 40)])}: {(int)response.StatusCode}");
            }
        }

        Assert.True(failures.Count == 0, "Queries that failed: " + string.Join(", ", failures));
    }

    [Theory]
    [InlineData("page=abc")]
    [InlineData("page=99999999999")]
    [InlineData("page=-1&page=2")]
    public async Task Odd_page_numbers_never_fail(string pageQuery)
    {
        await app.AddPostAsync("Fog", body: "fog");

        var status = (await app.CreateReader().GetAsync($"/search?q=fog&{pageQuery}")).StatusCode;

        Assert.True(status is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{status}");
    }
}

/// <summary>The same tests on PostgreSQL.</summary>
public sealed class SearchTestsOnPostgreSql() : SearchTests(new PostgresBlogFactory());
