using System.ComponentModel.DataAnnotations;
using Blog.Web.Data;
using Blog.Web.Mail;
using Blog.Web.Seo;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Areas.Admin.Pages.Mail;

/// <summary>The mail server the blog sends through, and a test email to check it.</summary>
public sealed class IndexModel(BlogDbContext db, SmtpServers servers, SmtpPasswordProtection passwords, SmtpMailer mailer, OutboxSignal signal, TimeProvider clock) : PageModel, IHasPageMetadata
{
    [BindProperty]
    public MailInput Input { get; set; } = new();

    public PageMetadata Metadata => new("Email");

    /// <summary>Where the server in use comes from: "settings", "configuration", or null when there is none.</summary>
    public string? ServerSource { get; private set; }

    public bool HasPassword { get; private set; }

    public int Waiting { get; private set; }

    public string? DefaultTestRecipient { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var saved = await db.MailSettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? new MailSettings();
        Input = MailInput.From(saved);
        await LoadStateAsync(saved, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var settings = await db.MailSettings.SingleOrDefaultAsync(cancellationToken);
        if (!ModelState.IsValid)
        {
            await LoadStateAsync(settings ?? new MailSettings(), cancellationToken);
            return Page();
        }

        settings ??= db.MailSettings.Add(new MailSettings()).Entity;
        settings.Host = Blank(Input.Host);
        settings.Port = Input.Port;
        settings.Security = Input.Security;
        settings.UserName = Blank(Input.UserName);
        settings.FromAddress = Blank(Input.FromAddress);
        settings.FromName = Blank(Input.FromName);
        if (Input.ForgetPassword)
        {
            settings.ProtectedPassword = null;
        }
        else if (!string.IsNullOrEmpty(Input.Password))
        {
            settings.ProtectedPassword = passwords.Protect(Input.Password);
        }

        await db.SaveChangesAsync(cancellationToken);

        // Emails that waited for a server, or for this one to be fixed, go now rather than at their next retry.
        var now = clock.GetUtcNow().UtcDateTime;
        await db.OutboxMessages.Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt > now)
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.NextAttemptAt, now), cancellationToken);
        signal.Wake();
        TempData["StatusMessage"] = settings.Host is null ? "Mail settings saved: no mail server, so no email is sent." : "Mail settings saved.";
        return RedirectToPage();
    }

    /// <summary>Sends one email straight away (not through the outbox) and says plainly what happened.</summary>
    public async Task<IActionResult> OnPostTestAsync([FromForm] string? testRecipient, CancellationToken cancellationToken)
    {
        var server = await servers.FindAsync(db, cancellationToken);
        var to = testRecipient?.Trim() ?? "";
        if (server is null)
        {
            return Result(false, "No mail server is set: fill in the host and the sender address, save, then send a test.");
        }

        if (!new EmailAddressAttribute().IsValid(to) || to.Length == 0)
        {
            return Result(false, $"“{to}” is not an email address.");
        }

        var message = new OutboxMessage
        {
            IdempotencyKey = "test", Purpose = "test", ToAddress = to,
            Subject = "Test email from your blog",
            TextBody = $"This is a test email from your blog, sent through {server.Host}:{server.Port}. Email works.",
            HtmlBody = $"<p>This is a test email from your blog, sent through {System.Net.WebUtility.HtmlEncode(server.Host)}:{server.Port}. Email works.</p>",
        };
        try
        {
            using var client = await mailer.ConnectAsync(server, cancellationToken);
            var outcome = await SmtpMailer.SendAsync(client, SmtpMailer.Build(message, server), cancellationToken);
            await client.DisconnectAsync(true, cancellationToken);
            return outcome.Sent
                ? Result(true, $"The test email was sent to {to} through {server.Host}:{server.Port}. Check that it arrived.")
                : Result(false, $"The test email was not sent: {outcome.Error}");
        }
        catch (Exception e) when (SmtpMailer.IsConnectionFailure(e) && !cancellationToken.IsCancellationRequested)
        {
            return Result(false, $"The test email was not sent. {SmtpMailer.Describe(e)}");
        }
    }

    private RedirectToPageResult Result(bool sent, string text)
    {
        TempData["MailTestSent"] = sent;
        TempData["MailTestResult"] = text;
        return RedirectToPage();
    }

    private async Task LoadStateAsync(MailSettings saved, CancellationToken cancellationToken)
    {
        ServerSource = (await servers.FindAsync(db, cancellationToken))?.Source;
        HasPassword = saved.ProtectedPassword is not null;
        Waiting = await db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Pending || m.Status == OutboxStatus.Sending, cancellationToken);
        DefaultTestRecipient = User.FindFirst(System.Security.Claims.ClaimTypes.Email)?.Value ?? User.Identity?.Name;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    public sealed class MailInput : IValidatableObject
    {
        [StringLength(255), Display(Name = "SMTP server (host name; empty: no email is sent)")]
        [RegularExpression(@"^[A-Za-z0-9.\-\[\]:]+$", ErrorMessage = "Write the server's host name only, such as smtp.example.com.")]
        public string? Host { get; set; }

        [Range(1, 65535), Display(Name = "Port (587 STARTTLS, 465 SSL, 25 plain)")]
        public int Port { get; set; } = 587;

        [Display(Name = "Security")]
        public SmtpSecurity Security { get; set; }

        [StringLength(255), Display(Name = "User name (empty: no sign-in)")]
        public string? UserName { get; set; }

        [StringLength(500), DataType(DataType.Password), Display(Name = "Password (empty: keep the saved one)")]
        public string? Password { get; set; }

        [Display(Name = "Forget the saved password")]
        public bool ForgetPassword { get; set; }

        [StringLength(320), EmailAddress, Display(Name = "Sender address (From)")]
        public string? FromAddress { get; set; }

        [StringLength(200), Display(Name = "Sender name")]
        public string? FromName { get; set; }

        public static MailInput From(MailSettings s) => new()
        {
            Host = s.Host, Port = s.Port, Security = s.Security, UserName = s.UserName, FromAddress = s.FromAddress, FromName = s.FromName,
        };

        public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
        {
            if (!string.IsNullOrWhiteSpace(Host) && string.IsNullOrWhiteSpace(FromAddress))
            {
                yield return new ValidationResult("Emails need a sender address: write the address they come from.", [nameof(FromAddress)]);
            }
        }
    }
}
