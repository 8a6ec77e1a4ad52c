using Blog.Web.Tests.Infrastructure;
using Blog.Web.Webmentions;

namespace Blog.Web.Tests.Webmentions;

/// <summary>Sending webmentions when a post is published or updated: discovery and the POST, against real local stand-in sites.</summary>
public class SendWebmentionTests : IAsyncLifetime
{
    private readonly bool postgreSql;
    private BlogFactory app = default!;
    private StandInSite site = default!;
    private HttpClient owner = default!;

    public SendWebmentionTests()
        : this(postgreSql: false)
    {
    }

    /// <summary>The same tests on another provider (SendWebmentionTestsOnPostgreSql).</summary>
    protected SendWebmentionTests(bool postgreSql) => this.postgreSql = postgreSql;

    public async Task InitializeAsync()
    {
        site = await StandInSite.StartAsync();
        app = WebmentionTesting.CreateApp(postgreSql: postgreSql);
        owner = await app.SignInAsOwnerAsync();
    }

    public async Task DisposeAsync()
    {
        app.Dispose();
        await site.DisposeAsync();
    }

    private async Task<string> SaveAsync(string? editorUrl, string title, string body, string action = "publish")
    {
        var saved = await owner.SubmitFormAsync(editorUrl ?? "/admin/posts/new", new Dictionary<string, string>
        {
            ["Input.Title"] = title, ["Input.Body"] = body, ["action"] = action,
        }, "#content-editor");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, saved.StatusCode);
        return saved.Headers.Location!.ToString();
    }

    [Fact]
    public async Task Publishing_sends_each_linked_site_that_advertises_an_endpoint_the_right_post_and_records_the_rest()
    {
        site.Pages["/by-header"] = ("text/html", "<html><body>Hello</body></html>", new() { ["Link"] = "<https://other.example/x>; rel=\"author\", </endpoint?from=header>; rel=\"webmention\"" });
        site.Pages["/by-link"] = ("text/html", "<html><head><link rel=\"webmention\" href=\"endpoint?from=link\"></head><body></body></html>", null);
        site.Pages["/plain"] = ("text/html", "<html><body>No endpoint here.</body></html>", null);
        var body = $"Read [one]({site.Url("/by-header")}), [two]({site.Url("/by-link")}), [three]({site.Url("/plain")}) and [mine](http://localhost/blog/other).";

        var editor = await SaveAsync(null, "Linking out", "Draft with " + body, action: "save");
        await app.ProcessWebmentionsAsync();
        Assert.Empty(await app.OutgoingAsync()); // a draft tells nobody

        await SaveAsync(editor, "Linking out", body);
        await app.ProcessWebmentionsAsync();

        var rows = await app.OutgoingAsync();
        Assert.Equal([site.Url("/by-header"), site.Url("/by-link"), site.Url("/plain")], rows.Select(r => r.Target).Order());
        var byTarget = rows.ToDictionary(r => r.Target);
        Assert.Equal((WebmentionState.Done, 202, site.Url("/endpoint?from=header")), (byTarget[site.Url("/by-header")].State, byTarget[site.Url("/by-header")].StatusCode, byTarget[site.Url("/by-header")].Endpoint));
        Assert.Equal((WebmentionState.Done, site.Url("/endpoint?from=link")), (byTarget[site.Url("/by-link")].State, byTarget[site.Url("/by-link")].Endpoint));
        Assert.Equal((WebmentionState.Skipped, "no webmention endpoint"), (byTarget[site.Url("/plain")].State, byTarget[site.Url("/plain")].Outcome));

        var received = site.Received.ToList();
        Assert.Equal(2, received.Count);
        Assert.All(received, form => Assert.Equal("http://localhost/blog/linking-out", form["source"].ToString()));
        Assert.Equal([site.Url("/by-header"), site.Url("/by-link")], received.Select(f => f["target"].ToString()).Order());

        // Saved again unchanged: nothing new. Changed, with a link taken out: the remaining and the removed ones are sent.
        await SaveAsync(editor, "Linking out", body, action: "save");
        await app.ProcessWebmentionsAsync();
        Assert.Equal(3, (await app.OutgoingAsync()).Count);

        await SaveAsync(editor, "Linking out", $"Now only [one]({site.Url("/by-header")}).", action: "save");
        await app.ProcessWebmentionsAsync();
        var second = (await app.OutgoingAsync()).Skip(3).ToList();
        Assert.Equal([(site.Url("/by-header"), false), (site.Url("/by-link"), true), (site.Url("/plain"), true)], second.Select(r => (r.Target, r.Removed)).Order());
        Assert.Equal(4, site.Received.Count);

        var status = await owner.GetDocumentAsync(editor);
        Assert.Contains("sent", status.Text("#webmentions-sent"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_endpoint_on_a_private_address_is_refused_and_nothing_is_sent()
    {
        using var guarded = WebmentionTesting.CreateApp(allowPrivate: false, postgreSql: postgreSql);
        var guardedOwner = await guarded.SignInAsOwnerAsync();
        site.Pages["/guarded"] = ("text/html", "<html><head><link rel=\"webmention\" href=\"/endpoint\"></head></html>", null);
        var saved = await guardedOwner.SubmitFormAsync("/admin/posts/new", new Dictionary<string, string>
        {
            ["Input.Title"] = "Guarded", ["Input.Body"] = $"See [this]({site.Url("/guarded")}).", ["action"] = "publish",
        }, "#content-editor");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, saved.StatusCode);

        await guarded.ProcessWebmentionsAsync();

        var row = Assert.Single(await guarded.OutgoingAsync());
        Assert.Equal((WebmentionState.Failed, "target refused: a private or local address"), (row.State, row.Outcome));
        Assert.Empty(site.Requests);
        Assert.Empty(site.Received);
    }

    [Fact]
    public async Task A_scheduled_post_sends_when_it_appears_and_a_failing_endpoint_is_retried_later()
    {
        site.Pages["/later"] = ("text/html", "<html><head><link rel=\"webmention\" href=\"/missing-endpoint\"></head></html>", null);
        var editor = await SaveAsync(null, "Later", $"See [this]({site.Url("/later")}).", action: "save");
        var publishAt = app.UtcNow.AddHours(2);
        var scheduled = await owner.SubmitFormAsync(editor, new Dictionary<string, string>
        {
            ["Input.PublishAt"] = publishAt.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture), ["action"] = "schedule",
        }, "#content-editor");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, scheduled.StatusCode);

        await app.ProcessWebmentionsAsync();
        Assert.Equal(WebmentionState.Pending, Assert.Single(await app.OutgoingAsync()).State);
        Assert.Empty(site.Requests);

        app.Clock.Advance(TimeSpan.FromHours(2));
        await app.ProcessWebmentionsAsync();
        var row = Assert.Single(await app.OutgoingAsync());
        Assert.Equal((WebmentionState.Failed, 404), (row.State, row.StatusCode)); // a 4xx from the endpoint is final
        Assert.Contains("/missing-endpoint", site.Requests);
    }
}

public sealed class SendWebmentionTestsOnPostgreSql() : SendWebmentionTests(postgreSql: true);
