using System.Security.Cryptography;
using System.Text;

namespace Blog.Web.Statistics;

/// <summary>
/// The address a read is counted under (lower case, no trailing slash, no query), and its pixel token: the first
/// 8 bytes of its SHA-256 in hex. The page carries the token in its pixel address (<c>/stats/seen/{token}.css</c>), so
/// the pixel names the page it belongs to without putting an address in an address.
/// </summary>
public static class CountedPath
{
    public const int TokenLength = 16;

    public static string Normalize(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "/")
        {
            return "/";
        }

        var trimmed = path.Length > 1 ? path.TrimEnd('/') : path;
        return trimmed.Length == 0 ? "/" : trimmed.ToLowerInvariant();
    }

    public static string Token(string normalizedPath)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(normalizedPath), hash);
        return Convert.ToHexStringLower(hash[..(TokenLength / 2)]);
    }

    public static bool IsToken(string? value) =>
        value is { Length: TokenLength } && value.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
