using System.Net;
using System.Net.Http.Headers;
using Blog.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Tests.Site;

/// <summary>
/// A request the blog refuses keeps its own status, with the friendly page: a body that cannot be read is a 400 or a
/// 413, never the error page failing on the same body and answering 500.
/// </summary>
public sealed class RefusedRequestTests : IDisposable
{
    private readonly BlogFactory app = new();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task A_malformed_multipart_post_keeps_its_4xx_status_and_gets_the_friendly_page()
    {
        await app.AddPostAsync("Open letter");
        var reader = app.CreateReader();

        foreach (var path in new[] { "/", "/blog/open-letter", "/admin/account/login", "/search", "/archive", "/feed/rss" })
        {
            using var garbage = new StringContent("garbage");
            garbage.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=XyZ");

            var response = await reader.PostAsync(path, garbage);
            var status = (int)response.StatusCode;

            Assert.True(status is >= 400 and < 500, $"POST {path} answered {status}");
            if (response.Content.Headers.ContentType?.MediaType == "text/html")
            {
                Assert.Contains("That request couldn’t be handled", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task A_form_value_over_the_limit_is_refused_as_too_large()
    {
        using var form = new FormUrlEncodedContent([new("q", new string('a', 5_000_000))]);

        var response = await app.CreateReader().PostAsync("/search", form);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}

/// <summary>Outside Development the antiforgery cookie is Secure only; a form reaching the app over plain http is refused.</summary>
public sealed class PlainHttpFormTests : IDisposable
{
    private readonly BlogFactory app = new() { EnvironmentName = "Production" };

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task A_post_over_plain_http_is_a_400_with_a_log_line_saying_why()
    {
        var reader = app.CreateReader();
        using var form = new FormUrlEncodedContent([new("a", "b")]);

        var post = await reader.PostAsync("/", form);
        var login = await reader.PostAsync("/admin/account/login", form);

        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, login.StatusCode); // the dashboard says it is HTTPS only
        Assert.Contains(app.Logs.Messages, m => m.Contains("over plain http", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Through_a_tls_proxy_the_same_post_is_refused_for_its_missing_token()
    {
        var reader = app.CreateReader();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new FormUrlEncodedContent([new("a", "b")]) };
        request.Headers.Add("X-Forwarded-Proto", "https");

        var response = await reader.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}

/// <summary>Over a real Kestrel, whose body limit is what refuses a 200 MB form.</summary>
public sealed class OversizeBodyTests : IDisposable
{
    private const long TwoHundredMegabytes = 200L * 1024 * 1024;

    private readonly KestrelBlogFactory app = new();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task A_200_MB_form_is_refused_with_413_everywhere_and_nothing_is_saved()
    {
        await app.CreateOwnerAsync();
        var owner = Client(new CookieContainer());
        var signedIn = await owner.SubmitFormAsync("/admin/account/login", new Dictionary<string, string>
        {
            ["Input.Email"] = OwnerSession.Email, ["Input.Password"] = OwnerSession.Password,
        }, "#login-form");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var editor = await owner.GetDocumentAsync("/admin/posts/new");
        var token = editor.QuerySelector("#content-editor input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var anonymous = new[] { "/search", "/admin/account/login", "/" };
        foreach (var path in anonymous)
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, await SendHugeAsync(Client(new CookieContainer()), path, token: null));
        }

        foreach (var path in new[] { "/admin/posts/new", "/admin/settings" })
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, await SendHugeAsync(owner, path, token));
        }

        Assert.Equal(0, await app.WithDbAsync(async (db, _) => await db.Posts.CountAsync()));
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/admin/posts/new")).StatusCode);
    }

    private HttpClient Client(CookieContainer cookies) =>
        new(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(app.BaseAddress) };

    private static async Task<HttpStatusCode> SendHugeAsync(HttpClient client, string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new HugeForm(TwoHundredMegabytes) };
        request.Headers.ExpectContinue = true;
        if (token is not null)
        {
            request.Headers.Add("RequestVerificationToken", token);
        }

        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>A form body of any length, written as it is sent and never held in memory.</summary>
    private sealed class HugeForm : HttpContent
    {
        private readonly long length;

        public HugeForm(long length)
        {
            this.length = length;
            Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var chunk = new byte[64 * 1024];
            Array.Fill(chunk, (byte)'a');
            "Input.Body="u8.CopyTo(chunk);
            for (var sent = 0L; sent < length; sent += chunk.Length)
            {
                await stream.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, length - sent)));
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = this.length;
            return true;
        }
    }
}
