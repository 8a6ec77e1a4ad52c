using Blog.Web.Mail;
using Blog.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Blog.Web.Tests.Mail;

/// <summary>Emails through the outbox to a real SMTP server (smtp4dev): delivered, once, whatever the server does.</summary>
public sealed class OutboxDeliveryTests(ConfiguredMailApp mail) : IClassFixture<ConfiguredMailApp>
{
    private BlogFactory App => mail.App;

    [Fact]
    public async Task An_enqueued_email_arrives_with_its_subject_both_bodies_and_extra_headers()
    {
        var email = MailApp.Email("delivery:1", "jane@example.com") with
        {
            ToName = "Jane Reader",
            Headers = new Dictionary<string, string>
            {
                ["List-Unsubscribe"] = "<https://blog.example.com/unsubscribe/abc>",
                ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
            },
        };

        Assert.True(await mail.EnqueueAsync(email));

        var sent = await mail.WaitForAsync("delivery:1", m => m.Status == OutboxStatus.Sent);
        Assert.Equal(1, sent.Attempts);
        Assert.Equal(250, sent.ServerStatusCode);
        Assert.NotNull(sent.SentAt);
        var received = Assert.Single(await mail.Smtp.WaitForMessagesAsync(where: m => m.Subject == "Subject of delivery:1"));
        Assert.Contains("jane@example.com", received.To);
        var source = await mail.Smtp.SourceAsync(received.Id);
        Assert.Contains("List-Unsubscribe: <https://blog.example.com/unsubscribe/abc>", source, StringComparison.Ordinal);
        Assert.Contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click", source, StringComparison.Ordinal);
        Assert.Contains("multipart/alternative", source, StringComparison.Ordinal);
        Assert.Contains("Text of delivery:1", source, StringComparison.Ordinal);
        Assert.Contains("<strong>delivery:1</strong>", source, StringComparison.Ordinal);
        Assert.Contains("Jane Reader", source, StringComparison.Ordinal);
        Assert.Contains("From: The Blog <blog@example.com>", source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_idempotency_key_twice_sends_one_email()
    {
        Assert.True(await mail.EnqueueAsync(MailApp.Email("twice:1")));
        Assert.False(await mail.EnqueueAsync(MailApp.Email("twice:1") with { Subject = "Subject of twice:1" }));

        // Within one unit of work too: the second add is refused before anything is saved.
        var addedTwice = await App.WithDbAsync(async (db, services) =>
        {
            var outbox = services.GetRequiredService<Outbox>();
            var first = await outbox.EnqueueAsync(db, MailApp.Email("twice:2"));
            var second = await outbox.EnqueueAsync(db, MailApp.Email("twice:2"));
            await db.SaveChangesAsync();
            return (first, second);
        });
        Assert.Equal((true, false), addedTwice);

        await mail.WaitForAsync("twice:1", m => m.Status == OutboxStatus.Sent);
        await mail.WaitForAsync("twice:2", m => m.Status == OutboxStatus.Sent);
        Assert.Single(await mail.Smtp.WaitForMessagesAsync(where: m => m.Subject == "Subject of twice:1"));
        Assert.Single(await mail.Smtp.WaitForMessagesAsync(where: m => m.Subject == "Subject of twice:2"));
        Assert.Equal(1, await App.WithDbAsync((db, _) => db.OutboxMessages.CountAsync(m => m.IdempotencyKey == "twice:1")));
    }

    [Fact]
    public async Task A_server_that_is_down_is_retried_with_a_growing_delay_and_the_email_arrives_once_it_is_back()
    {
        await mail.Smtp.StopAsync();
        try
        {
            await mail.EnqueueAsync(MailApp.Email("down:1"));
            var first = await mail.WaitForAsync("down:1", m => m.Status == OutboxStatus.Pending && m.Attempts == 1);
            Assert.NotNull(first.LastError);
            Assert.Contains("Could not reach", first.LastError, StringComparison.Ordinal);
            var firstDelay = first.NextAttemptAt - App.UtcNow;
            Assert.True(firstDelay >= TimeSpan.FromSeconds(50), $"first retry after {firstDelay}");

            // Nothing is tried again before its time.
            App.Clock.Advance(firstDelay - TimeSpan.FromSeconds(1));
            await Task.Delay(300);
            Assert.Equal(1, (await mail.MessageAsync("down:1")).Attempts);

            App.Clock.Advance(TimeSpan.FromSeconds(1));
            var second = await mail.WaitForAsync("down:1", m => m.Status == OutboxStatus.Pending && m.Attempts == 2);
            var secondDelay = second.NextAttemptAt - App.UtcNow;
            Assert.True(secondDelay >= firstDelay * 1.9, $"second retry after {secondDelay}, first after {firstDelay}");

            await mail.Smtp.StartAsync();
            App.Clock.Advance(secondDelay);
            var sent = await mail.WaitForAsync("down:1", m => m.Status == OutboxStatus.Sent);
            Assert.Equal(3, sent.Attempts);
        }
        finally
        {
            await mail.Smtp.StartAsync();
        }

        App.Clock.Advance(TimeSpan.FromHours(1)); // nothing else is due: no second copy
        await Task.Delay(300);
        Assert.Single(await mail.Smtp.WaitForMessagesAsync(where: m => m.Subject == "Subject of down:1"));
    }

    [Fact]
    public async Task An_email_claimed_by_a_worker_that_died_is_sent_when_its_lease_runs_out_and_not_before()
    {
        // As a kill -9 leaves it: claimed (one attempt counted), never finished.
        await mail.EnqueueAsync(MailApp.Email("crash:1"));
        await mail.WaitForAsync("crash:1", m => m.Status == OutboxStatus.Sent);
        await mail.Smtp.ClearAsync();
        var leaseEnd = App.UtcNow.AddMinutes(5);
        await App.WithDbAsync(db => db.OutboxMessages.Where(m => m.IdempotencyKey == "crash:1").ExecuteUpdateAsync(set => set
            .SetProperty(m => m.Status, OutboxStatus.Sending).SetProperty(m => m.ClaimToken, "dead-worker")
            .SetProperty(m => m.LeaseUntil, leaseEnd).SetProperty(m => m.SentAt, (DateTime?)null)));

        App.Services.GetRequiredService<OutboxSignal>().Wake();
        await Task.Delay(300);
        Assert.Equal(OutboxStatus.Sending, (await mail.MessageAsync("crash:1")).Status);
        Assert.Empty(await mail.Smtp.MessagesAsync());

        App.Clock.Advance(TimeSpan.FromMinutes(5));
        App.Services.GetRequiredService<OutboxSignal>().Wake();
        var sent = await mail.WaitForAsync("crash:1", m => m.Status == OutboxStatus.Sent);
        Assert.Equal(2, sent.Attempts);
        Assert.Single(await mail.Smtp.WaitForMessagesAsync(where: m => m.Subject == "Subject of crash:1"));
    }

    [Fact]
    public async Task Hundreds_of_emails_enqueued_at_once_go_out_in_batches_each_once()
    {
        await App.WithDbAsync(async (db, services) =>
        {
            var outbox = services.GetRequiredService<Outbox>();
            for (var i = 0; i < 120; i++)
            {
                await outbox.EnqueueAsync(db, MailApp.Email($"bulk:{i}", $"subscriber{i}@example.com") with { Subject = "Bulk" });
            }

            return await db.SaveChangesAsync();
        });

        await mail.Smtp.WaitForMessagesAsync(120, m => m.Subject == "Bulk", seconds: 60);
        Assert.Equal(120, await App.WithDbAsync((db, _) => db.OutboxMessages.CountAsync(m => m.Subject == "Bulk" && m.Status == OutboxStatus.Sent && m.Attempts == 1)));
    }
}
