using Blog.Web.Data;

namespace Blog.Web.Mail;

public enum SmtpSecurity
{
    /// <summary>SSL on connect on port 465, STARTTLS when the server offers it otherwise.</summary>
    Auto = 0,
    None = 1,
    StartTls = 2,
    SslOnConnect = 3,
}

/// <summary>The mail server the blog sends through, kept as the single row of its table (set on the mail settings page).</summary>
[HiddenFromReaders]
public sealed class MailSettings
{
    public const int SingletonId = 1;

    public int Id { get; private set; } = SingletonId;

    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public SmtpSecurity Security { get; set; }

    public string? UserName { get; set; }

    /// <summary>The password, encrypted with the data-protection keys (<see cref="SmtpPasswordProtection"/>); never shown back.</summary>
    public string? ProtectedPassword { get; set; }

    public string? FromAddress { get; set; }

    public string? FromName { get; set; }
}
