using System.Net;
using Blog.Web.Addresses;
using Blog.Web.Mail;
using Blog.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Blog.Web.Tests.Mail;

/// <summary>The dashboard's mail settings and outbox, on a blog that starts with no mail server.</summary>
public sealed class MailPagesTests(UnconfiguredMailApp mail) : IClassFixture<UnconfiguredMailApp>
{
    private BlogFactory App => mail.App;

    [Fact]
    public async Task The_mail_pages_need_the_owner_signed_in()
    {
        var reader = App.CreateReader();
        foreach (var address in new[] { SitePaths.Admin.Mail, SitePaths.Admin.MailOutbox })
        {
            var response = await reader.GetAsync(address);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains(SitePaths.Admin.Login, response.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Without_a_server_the_pages_say_so_and_saved_settings_keep_the_password_encrypted_and_send_the_test_email()
    {
        var owner = await SignInAsync();
        await mail.EnqueueAsync(MailApp.Email("waiting:1"));
        var outbox = await owner.GetDocumentAsync(SitePaths.Admin.MailOutbox);
        Assert.Contains("No mail server is set", outbox.QuerySelector("#mail-not-configured")?.TextContent, StringComparison.Ordinal);
        var settings = await owner.GetDocumentAsync(SitePaths.Admin.Mail);
        Assert.NotNull(settings.QuerySelector("#mail-not-configured"));
        Assert.Equal(OutboxStatus.Pending, (await mail.MessageAsync("waiting:1")).Status);

        // A server nobody listens on: the test email says why it failed, on the page.
        var closedPort = FreePort.Next();
        await SaveAsync(owner, closedPort, password: "s3cret password");
        await owner.SubmitFormAsync(SitePaths.Admin.Mail, new Dictionary<string, string> { ["testRecipient"] = OwnerSession.Email }, "#mail-test-form");
        var failed = await owner.GetDocumentAsync(SitePaths.Admin.Mail);
        Assert.Contains("not sent", failed.QuerySelector("#mail-test-result")?.TextContent, StringComparison.Ordinal);
        Assert.Null(failed.QuerySelector("#mail-not-configured"));

        var saved = await App.WithDbAsync((db, _) => db.MailSettings.AsNoTracking().SingleAsync());
        Assert.NotNull(saved.ProtectedPassword);
        Assert.DoesNotContain("s3cret", saved.ProtectedPassword, StringComparison.Ordinal);
        Assert.Equal("s3cret password", App.Services.GetRequiredService<SmtpPasswordProtection>().Unprotect(saved.ProtectedPassword));
        Assert.DoesNotContain(failed.QuerySelectorAll("input[type=password]"), i => !string.IsNullOrEmpty(i.GetAttribute("value")));

        // The right port, the password field left empty: the saved password is kept, and the test email arrives.
        await SaveAsync(owner, mail.Smtp.SmtpPort, password: "");
        Assert.Equal(saved.ProtectedPassword, (await App.WithDbAsync((db, _) => db.MailSettings.AsNoTracking().SingleAsync())).ProtectedPassword);
        await owner.SubmitFormAsync(SitePaths.Admin.Mail, new Dictionary<string, string> { ["testRecipient"] = "check@example.com" }, "#mail-test-form");
        var sent = await owner.GetDocumentAsync(SitePaths.Admin.Mail);
        Assert.Contains("was sent", sent.QuerySelector("#mail-test-result")?.TextContent, StringComparison.Ordinal);
        var test = Assert.Single(await mail.Smtp.WaitForMessagesAsync(where: m => m.Subject == "Test email from your blog"));
        Assert.Contains("check@example.com", test.To);

        // The email that waited for a server goes out now that there is one.
        await mail.WaitForAsync("waiting:1", m => m.Status == OutboxStatus.Sent);
    }

    [Fact]
    public async Task The_outbox_lists_emails_with_their_state_and_retries_a_failed_one()
    {
        var owner = await SignInAsync();
        await App.WithDbAsync(db =>
        {
            db.OutboxMessages.Add(new OutboxMessage
            {
                IdempotencyKey = "listed:1", Purpose = "test", ToAddress = "gone@example.com", Subject = "Subject of listed:1",
                HtmlBody = "<p>x</p>", TextBody = "x", CreatedAt = App.UtcNow, NextAttemptAt = App.UtcNow,
                Status = OutboxStatus.Failed, Attempts = 8, LastError = "The server answered 550: mailbox unavailable", ServerStatusCode = 550,
            });
            return db.SaveChangesAsync();
        });
        var id = (await mail.MessageAsync("listed:1")).Id;

        var page = await owner.GetDocumentAsync(SitePaths.Admin.MailOutbox);
        var row = page.QuerySelector($"#outbox-{id}");
        Assert.NotNull(row);
        Assert.Contains("Subject of listed:1", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("refused (550)", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("mailbox unavailable", row.TextContent, StringComparison.Ordinal);

        var response = await owner.SubmitFormAsync(page, SitePaths.Admin.MailOutbox, new Dictionary<string, string>(), $"#outbox-{id} form");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var retried = await mail.MessageAsync("listed:1");
        Assert.NotEqual(OutboxStatus.Failed, retried.Status);
        Assert.True(retried.Attempts <= 1);
        var after = await owner.GetDocumentAsync(SitePaths.Admin.MailOutbox);
        Assert.Contains("queued again", after.QuerySelector("#status-message")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_port_or_sender_is_a_message_on_the_page_not_an_error()
    {
        var owner = await SignInAsync();
        var response = await owner.SubmitFormAsync(SitePaths.Admin.Mail, new Dictionary<string, string>
        {
            ["Input.Host"] = "smtp.example.com", ["Input.Port"] = "99999", ["Input.FromAddress"] = "",
        }, "#mail-form");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("must be between 1 and 65535", html, StringComparison.Ordinal);
    }

    private async Task<HttpClient> SignInAsync()
    {
        var exists = await App.WithDbAsync((db, _) => db.Users.AnyAsync());
        return await App.SignInAsOwnerAsync(createOwner: !exists);
    }

    private static async Task SaveAsync(HttpClient owner, int port, string password)
    {
        var response = await owner.SubmitFormAsync(SitePaths.Admin.Mail, new Dictionary<string, string>
        {
            ["Input.Host"] = "127.0.0.1",
            ["Input.Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Security"] = nameof(SmtpSecurity.None),
            ["Input.UserName"] = "blog",
            ["Input.Password"] = password,
            ["Input.FromAddress"] = "blog@example.com",
            ["Input.FromName"] = "The Blog",
        }, "#mail-form");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
