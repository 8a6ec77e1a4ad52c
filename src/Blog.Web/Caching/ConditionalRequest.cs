using Microsoft.Net.Http.Headers;

namespace Blog.Web.Caching;

/// <summary>HTTP's conditional GET (RFC 9110, 13.1): is the reader's copy still the page?</summary>
internal static class ConditionalRequest
{
    /// <summary>If-None-Match when it is sent (weak comparison), else If-Modified-Since against Last-Modified.</summary>
    public static bool IsNotModified(HttpRequest request, string etag, DateTimeOffset? lastModified)
    {
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            return false;
        }

        var ifNoneMatch = request.Headers.IfNoneMatch;
        if (ifNoneMatch.Count > 0)
        {
            var ours = Opaque(etag);
            foreach (var header in ifNoneMatch)
            {
                foreach (var candidate in (header ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    if (candidate == "*" || Opaque(candidate).SequenceEqual(ours))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        return lastModified is { } modified
            && HeaderUtilities.TryParseDate(request.Headers.IfModifiedSince.ToString(), out var since)
            && modified <= since;
    }

    /// <summary>The quoted part of an entity tag, without the weakness prefix.</summary>
    private static ReadOnlySpan<char> Opaque(string tag) =>
        tag.StartsWith("W/", StringComparison.OrdinalIgnoreCase) ? tag.AsSpan(2) : tag.AsSpan();
}
