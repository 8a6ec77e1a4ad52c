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
        await app.CreateOwnerAsync();
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
        var keys = await app.WithDbAsync(async (db, _) => await db.OutboxMessages.Select(m => m.IdempotencyKey).ToListAsync());
        Assert.Equal([$"comment-owner:{comment.Id}"], keys); // none for the spam
    }
}
