using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Primitives;

namespace Blog.Web.Security;

/// <summary>
/// A hidden token for a form on a page kept for everyone (so it carries no per-reader antiforgery token): the form's
/// purpose and the moment the page was made, signed and encrypted with the app's data-protection keys. It proves the
/// form came from this blog and how old it is: a minimum time to fill (bots post at once) and a maximum age (then the
/// form is shown again with a fresh token).
/// </summary>
public sealed class CachedFormToken(IDataProtectionProvider protection, TimeProvider clock)
{
    public static readonly TimeSpan MinimumFillTime = TimeSpan.FromSeconds(2);

    public static readonly TimeSpan MaximumAge = TimeSpan.FromDays(30);

    private readonly IDataProtector protector = protection.CreateProtector("Blog.Web.Security.CachedFormToken.v1");

    public string Issue(string purpose) =>
        protector.Protect(string.Create(CultureInfo.InvariantCulture, $"{purpose}|{clock.GetUtcNow().UtcTicks}"));

    public FormTokenCheck Check(string? token, string purpose)
    {
        if (string.IsNullOrEmpty(token))
        {
            return FormTokenCheck.Invalid;
        }

        string payload;
        try
        {
            payload = protector.Unprotect(token);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return FormTokenCheck.Invalid;
        }

        var parts = payload.Split('|');
        if (parts.Length != 2 || parts[0] != purpose || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks))
        {
            return FormTokenCheck.Invalid;
        }

        var age = clock.GetUtcNow().UtcDateTime - new DateTime(ticks, DateTimeKind.Utc);
        return age < MinimumFillTime ? FormTokenCheck.TooFast : age > MaximumAge ? FormTokenCheck.Expired : FormTokenCheck.Valid;
    }
}

public enum FormTokenCheck
{
    Valid,
    Invalid,
    TooFast,
    Expired,
}

/// <summary>
/// A form post must come from the blog's own pages: <c>Sec-Fetch-Site</c> (sent by every current browser) must say
/// same-origin, and an <c>Origin</c>, when sent, must be the blog's own (the request's host, or the public address).
/// </summary>
public static class SameOriginCheck
{
    public static bool IsFromOwnPages(HttpRequest request, string? baseUrl)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fetchSite = request.Headers["Sec-Fetch-Site"];
        if (!StringValues.IsNullOrEmpty(fetchSite) && fetchSite.ToString() is not ("same-origin" or "none"))
        {
            return false;
        }

        var origin = request.Headers.Origin.ToString();
        if (string.IsNullOrEmpty(origin))
        {
            return true; // an older browser or a program: the token, the honeypot and the rate limit still apply
        }

        if (origin == "null" || !Uri.TryCreate(origin, UriKind.Absolute, out var from))
        {
            return false;
        }

        var own = $"{request.Scheme}://{request.Host.ToUriComponent()}";
        return string.Equals(from.GetLeftPart(UriPartial.Authority), own, StringComparison.OrdinalIgnoreCase)
            || (Uri.TryCreate(baseUrl, UriKind.Absolute, out var site)
                && string.Equals(from.GetLeftPart(UriPartial.Authority), site.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase));
    }
}
