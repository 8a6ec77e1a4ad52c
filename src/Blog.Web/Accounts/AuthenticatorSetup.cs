using System.Globalization;
using System.Text;
using QRCoder;

namespace Blog.Web.Accounts;

/// <summary>What an authenticator app needs to scan or type: the shared key, readable, and its otpauth URI as a QR code.</summary>
public static class AuthenticatorSetup
{
    /// <summary>The key in groups of four, lower-case, as authenticator apps accept it typed in.</summary>
    public static string FormatKey(string unformattedKey)
    {
        var result = new StringBuilder();
        for (var i = 0; i < unformattedKey.Length; i += 4)
        {
            result.Append(unformattedKey.AsSpan(i, Math.Min(4, unformattedKey.Length - i))).Append(' ');
        }

        return result.ToString().TrimEnd().ToLowerInvariant();
    }

    public static string OtpAuthUri(string issuer, string account, string unformattedKey) =>
        string.Create(CultureInfo.InvariantCulture,
            $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(account)}?secret={unformattedKey}&issuer={Uri.EscapeDataString(issuer)}&digits=6");

    /// <summary>
    /// The QR code as a PNG data URI: drawn on the server so the page needs no script, and an image so the
    /// Content-Security-Policy (img-src data:) allows it where inline SVG styles would not be.
    /// </summary>
    public static string QrCodeDataUri(string uri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.Q);
        var png = new PngByteQRCode(data).GetGraphic(6);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }
}
