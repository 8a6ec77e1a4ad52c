using System.Collections.Frozen;
using Blog.Web.Data;
using Microsoft.AspNetCore.Identity;

namespace Blog.Web.Accounts;

/// <summary>
/// Refuses the passwords attackers try first (NIST SP 800-63B asks for a check against a list of known-bad passwords),
/// whatever their letter case.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<BlogUser>
{
    public const string ErrorCode = "CommonPassword";

    private static readonly Lazy<FrozenSet<string>> CommonPasswords = new(Load);

    public static bool IsCommon(string password) => CommonPasswords.Value.Contains(password.Trim());

    public Task<IdentityResult> ValidateAsync(UserManager<BlogUser> manager, BlogUser user, string? password) =>
        Task.FromResult(password is not null && IsCommon(password)
            ? IdentityResult.Failed(new IdentityError
            {
                Code = ErrorCode,
                Description = "This is one of the most common passwords, so it is guessed first. A few unrelated words make a strong one.",
            })
            : IdentityResult.Success);

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("Blog.Web.Accounts.common-passwords.txt")
            ?? throw new InvalidOperationException("The common-passwords list is not embedded in the app.");
        using var reader = new StreamReader(stream);
        var passwords = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                passwords.Add(line);
            }
        }

        return passwords.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }
}
