using Blog.Web.Comments;
using Blog.Web.Data;
using Blog.Web.Posts;
using Blog.Web.Seo;
using Blog.Web.Settings;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Blog.Web.Webmentions;

/// <summary>
/// The Webmention endpoint (W3C Recommendation): a form-encoded POST of <c>source</c> and <c>target</c>. The quick checks
/// run here (both web addresses, not the same, the target a published post of this blog taking comments, by its
/// address or an old one); the source is fetched and verified later by <see cref="WebmentionWorker"/>, so the answer is
/// 202 Accepted at once. No antiforgery: other sites post here by design. A per-address limit and a bound on the queue
/// keep it from being used to fill the database.
/// </summary>
public static partial class WebmentionEndpoint
{
    private const int MaxBodyBytes = 8 * 1024;

    public static IEndpointRouteBuilder MapWebmentions(this IEndpointRouteBuilder app)
    {
        app.MapPost(SitePaths.Webmention, ReceiveAsync).DisableAntiforgery();
        app.MapGet(SitePaths.Webmention, () => Plain(StatusCodes.Status200OK,
            "This is a Webmention endpoint (https://www.w3.org/TR/webmention/): POST source and target, form-encoded."));
        return app;
    }

    private static async Task<IResult> ReceiveAsync(
        HttpContext context, BlogDbContext db, SiteContext site, TimeProvider clock, WebmentionSignal signal, IOptions<WebmentionOptions> options, ILoggerFactory loggers)
    {
        var request = context.Request;
        try
        {
            if (!request.HasFormContentType)
            {
                return Plain(StatusCodes.Status400BadRequest, "Send source and target as application/x-www-form-urlencoded.");
            }

            if (request.ContentLength > MaxBodyBytes)
            {
                return Plain(StatusCodes.Status413PayloadTooLarge, "A webmention is two addresses; this request is too large.");
            }

            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            {
                size.MaxRequestBodySize = MaxBodyBytes;
            }

            var form = await request.ReadFormAsync(context.RequestAborted);
            var (sourceText, targetText) = (form["source"].ToString().Trim(), form["target"].ToString().Trim());
            if (!IsWebAddress(sourceText, out var source))
            {
                return Plain(StatusCodes.Status400BadRequest, "source must be an absolute http or https address.");
            }

            if (!IsWebAddress(targetText, out var target))
            {
                return Plain(StatusCodes.Status400BadRequest, "target must be an absolute http or https address.");
            }

            if (MentionParser.Same(source, target))
            {
                return Plain(StatusCodes.Status400BadRequest, "source and target must be different addresses.");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var chrome = await site.GetAsync(context.RequestAborted);
            var settings = await db.CommentSettingsAsync(context.RequestAborted);
            if (!settings.Webmentions)
            {
                return Plain(StatusCodes.Status400BadRequest, "This blog does not take webmentions.");
            }

            var post = await FindPostAsync(db, SiteAddress.For(chrome.Settings, request), target, now, context.RequestAborted);
            if (post is null)
            {
                return Plain(StatusCodes.Status400BadRequest, "target is not a published post of this blog.");
            }

            if (!settings.AreOpen(post.CommentsClosed, post.PublishedAtUtc, now))
            {
                return Plain(StatusCodes.Status400BadRequest, "This post does not take webmentions (its comments are closed).");
            }

            var limits = options.Value;
            var ipHash = CommentPosting.HashAddress(settings, context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            var since = now.AddHours(-1);
            if (ipHash is not null && await db.ReceivedWebmentions.CountAsync(w => w.IpHash == ipHash && w.ReceivedAtUtc > since, context.RequestAborted) >= limits.MaxPerAddressPerHour)
            {
                context.Response.Headers.RetryAfter = "3600";
                return Plain(StatusCodes.Status429TooManyRequests, "Too many webmentions from your address in the last hour; please try later.");
            }

            var (sourceUrl, targetUrl) = (source.AbsoluteUri, target.AbsoluteUri);
            var waiting = db.ReceivedWebmentions.Where(w => w.State == WebmentionState.Pending || w.State == WebmentionState.Working);
            if (await waiting.AnyAsync(w => w.Source == sourceUrl && w.Target == targetUrl && w.PostId == post.Id && w.State == WebmentionState.Pending, context.RequestAborted))
            {
                return Plain(StatusCodes.Status202Accepted, "Accepted: this webmention is already waiting to be checked.");
            }

            if (await waiting.CountAsync(context.RequestAborted) >= limits.MaxQueued)
            {
                context.Response.Headers.RetryAfter = "600";
                return Plain(StatusCodes.Status503ServiceUnavailable, "Too many webmentions are waiting to be checked; please try again later.");
            }

            db.ReceivedWebmentions.Add(new ReceivedWebmention
            {
                Source = sourceUrl, Target = targetUrl, PostId = post.Id, IpHash = ipHash, ReceivedAtUtc = now, NextAttemptAt = now,
            });
            await db.SaveChangesAsync(context.RequestAborted);
            signal.Wake();
            return Plain(StatusCodes.Status202Accepted, "Accepted: the source will be checked for a link to the target.");
        }
        catch (Exception e) when (e is BadHttpRequestException or InvalidDataException or IOException)
        {
            return Plain(e is BadHttpRequestException { StatusCode: 413 } ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest, "The request could not be read as a form.");
        }
        catch (Exception e) when (e is DbUpdateException or Microsoft.Data.Sqlite.SqliteException && !context.RequestAborted.IsCancellationRequested)
        {
            LogNotSaved(loggers.CreateLogger(typeof(WebmentionEndpoint)), e);
            context.Response.Headers.RetryAfter = "60";
            return Plain(StatusCodes.Status503ServiceUnavailable, "The webmention could not be taken just now; please try again later.");
        }
    }

    /// <summary>The published post <paramref name="target"/> names on this blog: by its address, or an old one that leads to it.</summary>
    private static async Task<Post?> FindPostAsync(BlogDbContext db, SiteAddress site, Uri target, DateTime now, CancellationToken cancellationToken)
    {
        var origin = new Uri(site.Origin + "/");
        if (!string.Equals(target.Host, origin.Host, StringComparison.OrdinalIgnoreCase) || target.Port != origin.Port && !(target.IsDefaultPort && origin.IsDefaultPort))
        {
            return null;
        }

        var path = target.AbsolutePath;
        var prefix = origin.AbsolutePath.TrimEnd('/');
        if (!path.StartsWith(prefix + "/", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        path = path[prefix.Length..];
        if (!path.StartsWith(SitePaths.PostPrefix, StringComparison.Ordinal) || SlugOf(path) is not { } slug || await FindAsync(slug) is not { } post)
        {
            var from = Addresses.RedirectPath.Normalize(path);
            var to = from.Length == 0 ? null
                : await db.Redirects.AsNoTracking().Where(r => r.FromPath == from).Select(r => r.ToPath).FirstOrDefaultAsync(cancellationToken);
            return to is not null && to.StartsWith(SitePaths.PostPrefix, StringComparison.Ordinal) && SlugOf(to) is { } moved ? await FindAsync(moved) : null;
        }

        return post;

        Task<Post?> FindAsync(string slug) => db.Posts.AsNoTracking().VisibleAt(now).Where(p => p.Slug == slug).FirstOrDefaultAsync(cancellationToken);

        static string? SlugOf(string postPath)
        {
            var rest = Uri.UnescapeDataString(postPath[SitePaths.PostPrefix.Length..]).TrimEnd('/');
            return rest.Length == 0 || rest.Contains('/', StringComparison.Ordinal) ? null : rest;
        }
    }

    private static bool IsWebAddress(string text, out Uri uri)
    {
        uri = null!;
        return Comment.IsWebmentionSource(text) && Uri.TryCreate(text, UriKind.Absolute, out uri!);
    }

    private static IResult Plain(int status, string message) => Results.Text(message + "\n", "text/plain; charset=utf-8", statusCode: status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A webmention could not be saved")]
    private static partial void LogNotSaved(ILogger logger, Exception exception);
}
