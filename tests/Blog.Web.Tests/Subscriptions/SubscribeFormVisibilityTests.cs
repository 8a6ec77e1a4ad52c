using Blog.Web.Mail;
using Blog.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Tests.Subscriptions;

/// <summary>The form is offered only when a confirmation could be sent; saving the mail settings updates cached pages.</summary>
public sealed class SubscribeFormVisibilityTests : IDisposable
{
    private readonly BlogFactory app = new() { SeedSampleContent = true };

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task Without_a_mail_server_no_form_is_shown_and_saving_one_shows_it_on_cached_pages()
    {
        var reader = app.CreateReader();
        var post = (await reader.GetDocumentAsync("/")).QuerySelector(".post-card__title a")!.GetAttribute("href")!;

        Assert.Null((await reader.GetDocumentAsync("/")).QuerySelector("form.subscribe"));
        Assert.Null((await reader.GetDocumentAsync(post)).QuerySelector("form.subscribe"));
        Assert.NotNull((await reader.GetDocumentAsync("/subscribe")).QuerySelector("#subscribe-closed"));

        await app.WithDbAsync(async db =>
        {
            var settings = await db.MailSettings.SingleOrDefaultAsync() ?? db.MailSettings.Add(new MailSettings()).Entity;
            settings.Host = "smtp.example.com";
            settings.FromAddress = "blog@example.com";
            await db.SaveChangesAsync();
        });

        var home = await reader.GetDocumentAsync("/");
        var postPage = await reader.GetDocumentAsync(post);
        Assert.NotNull(home.QuerySelector("form#subscribe-footer"));
        Assert.NotNull(postPage.QuerySelector("form#subscribe-post"));
        Assert.Null(postPage.QuerySelector("form#subscribe-footer"));
        Assert.Null(home.QuerySelector("form.subscribe input[name='__RequestVerificationToken']"));
    }
}
