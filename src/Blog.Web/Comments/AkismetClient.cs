using Blog.Web.Security;

namespace Blog.Web.Comments;

/// <summary>Where Akismet is asked (<c>Blog:Comments:Akismet*</c>); tests point it at a local stand-in.</summary>
public sealed class AkismetOptions
{
    public const string Section = "Blog:Comments";

    /// <summary>The service's address; <c>{key}</c> is replaced by the API key, as Akismet wants it in the host name.</summary>
    public string AkismetAddress { get; set; } = "https://{key}.rest.akismet.com";

    /// <summary>Lets the check reach loopback and private networks: for tests only.</summary>
    public bool AkismetAllowPrivateAddresses { get; set; }

    public TimeSpan AkismetTimeout { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// Asks Akismet whether a new comment is spam, when the author has set a key (off by default). Through the outbound
/// address guard, within a few seconds; when Akismet cannot be asked, the comment is held rather than shown.
/// </summary>
public sealed partial class AkismetClient(IHttpClientFactory clients, Microsoft.Extensions.Options.IOptions<AkismetOptions> options, ILogger<AkismetClient> logger)
{
    public const string HttpClientName = "akismet";

    /// <summary>True for spam, false for a comment Akismet accepts, null when it could not answer.</summary>
    public async Task<bool?> IsSpamAsync(string key, Comment comment, CommentRequest request, CancellationToken cancellationToken)
    {
        var address = options.Value.AkismetAddress.Replace("{key}", Uri.EscapeDataString(key.Trim()), StringComparison.Ordinal).TrimEnd('/');
        var fields = new Dictionary<string, string>
        {
            ["api_key"] = key.Trim(),
            ["blog"] = request.SiteUrl ?? "",
            ["user_ip"] = request.RemoteAddress ?? "",
            ["user_agent"] = request.UserAgent ?? "",
            ["referrer"] = request.Referrer ?? "",
            ["permalink"] = request.PostUrl,
            ["comment_type"] = comment.ParentId is null ? "comment" : "reply",
            ["comment_author"] = comment.AuthorName,
            ["comment_author_email"] = comment.AuthorEmail ?? "",
            ["comment_author_url"] = comment.AuthorUrl ?? "",
            ["comment_content"] = comment.Text,
        };
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.Value.AkismetTimeout);
            using var content = new FormUrlEncodedContent(fields);
            using var response = await clients.CreateClient(HttpClientName).PostAsync(new Uri(address + "/1.1/comment-check"), content, timeout.Token);
            var answer = (await response.Content.ReadAsStringAsync(timeout.Token)).Trim();
            return response.IsSuccessStatusCode && answer is "true" or "false" ? answer == "true" : null;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or UriFormatException && !cancellationToken.IsCancellationRequested)
        {
            LogUnanswered(logger, e.Message);
            return null;
        }
    }

    internal static HttpMessageHandler CreateHandler(AkismetOptions options) =>
        AddressGuard.CreateHandler(options.AkismetAllowPrivateAddresses, allowRedirects: false);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Akismet could not be asked about a comment ({Reason}); the comment is held for the author.")]
    private static partial void LogUnanswered(ILogger logger, string reason);
}
