using System.Net;
using Blog.Web.Tests.Infrastructure;

namespace Blog.Web.Tests.Media;

/// <summary>Over real Kestrel, whose own body limit (about 30 MB) would refuse a camera file before the page saw it.</summary>
public sealed class MediaUploadLimitTests : IDisposable
{
    private readonly KestrelBlogFactory app = new();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task The_upload_page_reads_a_file_bigger_than_kestrels_default_body_limit()
    {
        await app.CreateOwnerAsync();
        using var owner = new HttpClient(new SecureCookiesOverHttp()) { BaseAddress = new Uri(app.BaseAddress) };
        var signedIn = await owner.SubmitFormAsync("/admin/account/login", new Dictionary<string, string>
        {
            ["Input.Email"] = OwnerSession.Email,
            ["Input.Password"] = OwnerSession.Password,
        }, formSelector: "#login-form");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var big = new byte[40 * 1024 * 1024]; // a 40 MB "photo": past Kestrel's default, within the blog's 50 MB

        var upload = await owner.UploadAsync(null, new UploadFile("scan.jpg", big));


        // Read in full and judged by its content (not an image), not cut off by the server.
        Assert.Equal(HttpStatusCode.BadRequest, upload.StatusCode);
        Assert.Contains("“scan.jpg” is not a photo", Html.Parse(await upload.Content.ReadAsStringAsync()).Text("#upload-errors"), StringComparison.Ordinal);
    }

    /// <summary>
    /// Keeps cookies the way a browser does for http://localhost: outside Development the app's cookies are Secure,
    /// which .NET's cookie container would never send back over plain http.
    /// </summary>
    private sealed class SecureCookiesOverHttp() : DelegatingHandler(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false })
    {
        private readonly Dictionary<string, string> cookies = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (cookies.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")));
            }

            var response = await base.SendAsync(request, cancellationToken);
            foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            {
                var pair = header.Split(';')[0].Split('=', 2);
                cookies[pair[0]] = pair[1];
            }

            return response;
        }
    }
}
