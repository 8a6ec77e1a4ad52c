using System.Security.Cryptography;
using System.Text;

namespace Blog.Web.Accounts;

/// <summary>
/// The secret in the one-time set-up link. It lives only in memory, so it is new at every start and never reaches the
/// repository or the database; it works once.
/// </summary>
public sealed class SetupToken : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private byte[]? value = RandomNumberGenerator.GetBytes(32);

    /// <summary>The token as it appears in the link, or null once it has been used.</summary>
    public string? Value => value is null ? null : Base64UrlEncode(value);

    /// <summary>
    /// Runs <paramref name="createOwner"/> if <paramref name="candidate"/> is the token, one caller at a time, and
    /// spends the token when it succeeds (a failed attempt, such as a refused password, leaves it usable).
    /// </summary>
    public async Task<bool?> RedeemAsync(string? candidate, Func<Task<bool>> createOwner)
    {
        await gate.WaitAsync();
        try
        {
            if (!Matches(candidate))
            {
                return null;
            }

            var created = await createOwner();
            if (created)
            {
                value = null;
            }

            return created;
        }
        finally
        {
            gate.Release();
        }
    }

    public bool Matches(string? candidate)
    {
        var current = value;
        if (current is null || string.IsNullOrEmpty(candidate))
        {
            return false;
        }

        // Hashing first makes the comparison constant-time in the length too.
        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(candidate)),
            SHA256.HashData(Encoding.UTF8.GetBytes(Base64UrlEncode(current))));
    }

    public void Dispose() => gate.Dispose();

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
