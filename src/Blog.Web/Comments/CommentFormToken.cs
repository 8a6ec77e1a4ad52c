using System.Globalization;
using Microsoft.AspNetCore.DataProtection;

namespace Blog.Web.Comments;

/// <summary>
/// The comment form's hidden token: the post it belongs to and when the form was made, signed (and encrypted) with the
/// app's data-protection keys. It is the same for every reader of a cached page, so it proves nothing about a person:
/// only that the form came from this blog, for this post, and how old it is (a minimum time to fill, and a maximum age
/// after which the form is shown again with a fresh token).
/// </summary>
public sealed class CommentFormToken(IDataProtectionProvider protection, TimeProvider clock)
{
    public static readonly TimeSpan MinimumFillTime = TimeSpan.FromSeconds(3);

    public static readonly TimeSpan MaximumAge = TimeSpan.FromDays(30);

    private readonly IDataProtector protector = protection.CreateProtector("Blog.Web.Comments.FormToken.v1");

    public string Issue(int postId) =>
        protector.Protect(string.Create(CultureInfo.InvariantCulture, $"{postId}:{clock.GetUtcNow().UtcTicks}"));

    public TokenCheck Check(string? token, int postId)
    {
        if (string.IsNullOrEmpty(token))
        {
            return TokenCheck.Invalid;
        }

        string payload;
        try
        {
            payload = protector.Unprotect(token);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return TokenCheck.Invalid;
        }

        var parts = payload.Split(':');
        if (parts.Length != 2 || parts[0] != postId.ToString(CultureInfo.InvariantCulture)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks))
        {
            return TokenCheck.Invalid;
        }

        var age = clock.GetUtcNow().UtcDateTime - new DateTime(ticks, DateTimeKind.Utc);
        return age < MinimumFillTime ? TokenCheck.TooFast : age > MaximumAge ? TokenCheck.Expired : TokenCheck.Valid;
    }
}

public enum TokenCheck
{
    Valid,
    Invalid,
    TooFast,
    Expired,
}
