using Blog.Web.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Blog.Web.Mail;

/// <summary>The mail server in use: from the mail settings page when it names a host, otherwise from configuration.</summary>
public sealed record SmtpServer(string Host, int Port, SmtpSecurity Security, string? UserName, string? Password, string FromAddress, string? FromName)
{
    public string Source { get; init; } = "settings";
}

/// <summary>Reads the mail server to use, the password decrypted with the data-protection keys.</summary>
public sealed class SmtpServers(IOptions<MailOptions> options, SmtpPasswordProtection passwords)
{
    /// <summary>The server to send through, or null when none is set (then nothing is sent and emails wait in the outbox).</summary>
    public async Task<SmtpServer?> FindAsync(BlogDbContext db, CancellationToken cancellationToken)
    {
        var saved = await db.MailSettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        if (saved is { Host.Length: > 0, FromAddress.Length: > 0 })
        {
            return new SmtpServer(saved.Host, saved.Port, saved.Security, saved.UserName, passwords.Unprotect(saved.ProtectedPassword), saved.FromAddress, saved.FromName);
        }

        var configured = options.Value.Smtp;
        return configured is { Host.Length: > 0, FromAddress.Length: > 0 }
            ? new SmtpServer(configured.Host, configured.Port, configured.Security, configured.UserName, configured.Password, configured.FromAddress, configured.FromName) { Source = "configuration" }
            : null;
    }
}

/// <summary>The SMTP password at rest: encrypted with the blog's data-protection keys (kept in the same database).</summary>
public sealed class SmtpPasswordProtection(IDataProtectionProvider provider)
{
    private readonly IDataProtector protector = provider.CreateProtector("Blog.Mail.SmtpPassword");

    public string Protect(string password) => protector.Protect(password);

    /// <summary>The password, or null when there is none or the keys that encrypted it are gone (then it must be typed again).</summary>
    public string? Unprotect(string? protectedPassword)
    {
        if (string.IsNullOrEmpty(protectedPassword))
        {
            return null;
        }

        try
        {
            return protector.Unprotect(protectedPassword);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
