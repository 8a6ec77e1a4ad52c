using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Blog.Web.Comments;

/// <summary>
/// The comment form's hidden token: the post it belongs to and when the form was made, signed (HMAC-SHA256) with the
/// blog's comment secret. It is the same for every reader of a kept page, so it proves nothing about a person: only
/// that the form came from this blog, for this post, and how old it is (a minimum time to fill, a maximum age after
/// which the form is shown again with a fresh token). The time is rounded up to ten seconds, and the token holds
/// nothing random, so a page rendered again at the same moment reads the same and keeps its validator (ETag).
/// </summary>
public sealed class CommentFormToken(TimeProvider clock)
{
    public static readonly TimeSpan MinimumFillTime = TimeSpan.FromSeconds(3);

    public static readonly TimeSpan MaximumAge = TimeSpan.FromDays(30);

    private const long Granularity = 10;

    public string Issue(int postId, CommentSettings settings)
    {
        var seconds = clock.GetUtcNow().ToUnixTimeSeconds();
        var stamp = (seconds + Granularity - 1) / Granularity * Granularity; // rounded up: the age is never overstated
        var payload = string.Create(CultureInfo.InvariantCulture, $"{postId}.{stamp}");
        return payload + "." + Sign(payload, settings);
    }

    public TokenCheck Check(string? token, int postId, CommentSettings settings)
    {
        var parts = (token ?? "").Split('.');
        if (parts.Length != 3 || parts[0] != postId.ToString(CultureInfo.InvariantCulture)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var stamp)
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(parts[2]), Encoding.ASCII.GetBytes(Sign($"{parts[0]}.{parts[1]}", settings))))
        {
            return TokenCheck.Invalid;
        }

        var age = TimeSpan.FromSeconds(clock.GetUtcNow().ToUnixTimeSeconds() - stamp);
        return age < MinimumFillTime ? TokenCheck.TooFast : age > MaximumAge ? TokenCheck.Expired : TokenCheck.Valid;
    }

    private static string Sign(string payload, CommentSettings settings) =>
        Convert.ToHexString(HMACSHA256.HashData(Convert.FromBase64String(settings.AddressKey), Encoding.UTF8.GetBytes("form:" + payload)))[..32];
}

public enum TokenCheck
{
    Valid,
    Invalid,
    TooFast,
    Expired,
}
