using Blog.Web.Addresses;
using Blog.Web.Comments;
using Blog.Web.Tests.Infrastructure;
using Blog.Web.Tests.Mail;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Tests.Comments;

/// <summary>The owner hears of new comments by email, through the outbox and a real SMTP server (smtp4dev).</summary>
public sealed class CommentEmailTests(CommentEmailTests.App mail) : IClassFixture<CommentEmailTests.App>
{
    public sealed class App : MailApp
    {
        protected override bool ConfigureServer => true;
    }

    [Fact]
    public async Task The_owner_is_emailed_of_a_held_comment_with_a_link_into_the_dashboard_and_not_of_spam()
    {
        var app = mail.App;
        if (!await app.WithDbAsync(async (db, _) => await db.Users.AnyAsync()))
        {
            await app.CreateOwnerAsync();
        }

        await app.AddPostAsync("Mailed");
        var reader = app.CreateReader();

        await app.CommentAsync(reader, "/blog/mailed", CommentClient.Fields("Worth a letter.", name: "Letter Writer", email: "writer@example.com"));
        var spam = CommentClient.Fields("Robot.");
        spam["Input.Homepage"] = "http://robot.example";
        await app.CommentAsync(reader, "/blog/mailed", spam);

        var received = await mail.Smtp.WaitForMessagesAsync(1, m => m.Subject.Contains("Mailed", StringComparison.Ordinal));
        var message = Assert.Single(received);
        Assert.Equal("A comment awaits you on “Mailed”", message.Subject);
        Assert.Contains(OwnerSession.Email, string.Join(",", message.To), StringComparison.OrdinalIgnoreCase);
        var source = await mail.Smtp.SourceAsync(message.Id);
        var comment = (await app.CommentsAsync()).First(c => c.AuthorName == "Letter Writer");
        Assert.Contains($"/admin/comments/{comment.Id}", source, StringComparison.Ordinal);
        Assert.Contains("Worth a letter.", source, StringComparison.Ordinal);
        var spamId = (await app.CommentsAsync()).Single(c => c.AuthorName == "Ann Reader" && c.Status == CommentStatus.Spam).Id;
        Assert.False(await app.WithDbAsync(async (db, _) => await db.OutboxMessages.AnyAsync(m => m.IdempotencyKey.EndsWith($":{spamId}")))); // none for the spam
    }

    [Fact]
    public async Task A_commenter_who_confirms_is_emailed_replies_with_one_click_unsubscribe_and_nothing_after_unsubscribing()
    {
        var app = mail.App;
        if (!await app.WithDbAsync(async (db, _) => await db.Users.AnyAsync()))
        {
            await app.CreateOwnerAsync();
        }

        await app.AddPostAsync("Subscribed");
        var fields = CommentClient.Fields("Tell me more.", name: "Curious", email: "curious@example.com");
        fields["Input.NotifyReplies"] = "true";
        await app.CommentAsync(app.CreateReader(), "/blog/subscribed", fields);
        var comment = (await app.CommentsAsync()).Single(c => c.AuthorName == "Curious");
        var settings = await app.WithDbAsync((db, _) => db.CommentSettingsAsync(CancellationToken.None));
        var confirmEmail = await mail.WaitForAsync($"comment-confirm:{comment.Id}", m => m.Status == Blog.Web.Mail.OutboxStatus.Sent);
        var confirmLink = SitePaths.CommentRepliesConfirm(comment.Id, CommentNotifications.Sign("confirm", comment.Id, settings));
        Assert.Contains(confirmLink, confirmEmail.TextBody, StringComparison.Ordinal);

        var forged = await app.CreateReader().GetAsync(SitePaths.CommentRepliesConfirm(comment.Id, new string('0', 32)));
        var confirmed = await app.CreateReader().GetAsync(confirmLink);
        Assert.Equal((System.Net.HttpStatusCode.NotFound, System.Net.HttpStatusCode.OK), (forged.StatusCode, confirmed.StatusCode));

        var owner = await app.SignInAsOwnerAsync(createOwner: false);
        await owner.SubmitFormAsync($"/admin/comments/{comment.Id}", new Dictionary<string, string> { ["Reply.Text"] = "Here is more." }, "#reply-form");
        var reply = (await app.CommentsAsync())[^1];
        var replyEmail = await mail.WaitForAsync($"comment-reply:{reply.Id}:to:{comment.Id}", m => m.Status == Blog.Web.Mail.OutboxStatus.Sent);
        Assert.Equal("curious@example.com", replyEmail.ToAddress);
        var received = (await mail.Smtp.WaitForMessagesAsync(1, m => m.Subject.StartsWith("A reply to your comment on “Subscribed”", StringComparison.Ordinal))).Single();
        var source = await mail.Smtp.SourceAsync(received.Id);
        var unsubscribe = SitePaths.CommentRepliesUnsubscribe(comment.Id, CommentNotifications.Sign("unsubscribe", comment.Id, settings));
        Assert.Contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click", source, StringComparison.Ordinal);
        Assert.Contains(unsubscribe, source.Replace("=\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);

        using var oneClick = new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" });
        Assert.Equal(System.Net.HttpStatusCode.OK, (await app.CreateReader().PostAsync(unsubscribe, oneClick)).StatusCode);
        await owner.SubmitFormAsync($"/admin/comments/{comment.Id}", new Dictionary<string, string> { ["Reply.Text"] = "And more." }, "#reply-form");
        var second = (await app.CommentsAsync())[^1];
        Assert.NotEqual(reply.Id, second.Id);
        Assert.False(await app.WithDbAsync(async (db, _) => await db.OutboxMessages.AnyAsync(m => m.IdempotencyKey == $"comment-reply:{second.Id}:to:{comment.Id}")));
    }
}
