using Blog.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Accounts;

/// <summary>The blog's single account: created once (by the set-up page or the command line), never a second time.</summary>
public sealed class OwnerAccount(UserManager<BlogUser> users)
{
    public Task<bool> ExistsAsync(CancellationToken cancellationToken = default) => users.Users.AnyAsync(cancellationToken);

    public Task<BlogUser?> FindAsync(CancellationToken cancellationToken = default) => users.Users.OrderBy(u => u.Id).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Creates the owner, checking the password against the blog's rules; refused once an owner exists.</summary>
    public async Task<IdentityResult> CreateAsync(string displayName, string email, string password, CancellationToken cancellationToken = default)
    {
        if (await ExistsAsync(cancellationToken))
        {
            return IdentityResult.Failed(new IdentityError { Code = "OwnerExists", Description = "This blog already has an owner." });
        }

        var owner = new BlogUser { UserName = email, Email = email, DisplayName = displayName.Trim(), EmailConfirmed = true };
        return await users.CreateAsync(owner, password);
    }

    /// <summary>
    /// Sets a new password for the owner without the old one (for the command line, which only the server's
    /// administrator can run). It also lifts a lockout, and changes the security stamp, which signs out every session.
    /// </summary>
    public async Task<IdentityResult> ResetPasswordAsync(BlogUser owner, string password)
    {
        var token = await users.GeneratePasswordResetTokenAsync(owner);
        var result = await users.ResetPasswordAsync(owner, token, password);
        if (result.Succeeded)
        {
            await users.SetLockoutEndDateAsync(owner, null);
            await users.ResetAccessFailedCountAsync(owner);
        }

        return result;
    }

    public bool HasEmail(BlogUser owner, string email) =>
        string.Equals(owner.NormalizedEmail, users.NormalizeEmail(email), StringComparison.Ordinal);
}
