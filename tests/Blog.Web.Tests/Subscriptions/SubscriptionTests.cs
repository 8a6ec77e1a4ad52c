using System.Net;
using Blog.Web.Data;
using Blog.Web.Mail;
using Blog.Web.Subscriptions;
using Blog.Web.Tests.Infrastructure;
using Blog.Web.Tests.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MimeKit;

namespace Blog.Web.Tests.Subscriptions;

/// <summary>Subscriptions end to end, through a real SMTP server (smtp4dev): one blog and one server for the class.</summary>
public sealed class SubscriptionTests(ConfiguredMailApp mail) : SubscriptionScenarios(mail), IClassFixture<ConfiguredMailApp>;

/// <summary>The same on PostgreSQL.</summary>
public sealed class SubscriptionTestsOnPostgreSql(ConfiguredPostgresMailApp mail) : SubscriptionScenarios(mail), IClassFixture<ConfiguredPostgresMailApp>;

/// <summary>The subscription tests, whatever the database (the classes above say which).</summary>
public abstract class SubscriptionScenarios(MailApp mail)
{
    private BlogFactory App => mail.App;

    private static readonly Dictionary<string, string> OneClick = new() { ["List-Unsubscribe"] = "One-Click" };

    private async Task<HttpClient> OwnerAsync() =>
        await App.SignInAsOwnerAsync(createOwner: !await App.WithDbAsync((db, _) => db.Users.AnyAsync()));

    private Task<bool> RunMailingsAsync() =>
        App.Services.GetServices<IHostedService>().OfType<MailingWorker>().Single().RunOnceAsync(CancellationToken.None);

    private async Task<MimeMessage> ReceivedAsync(string to, Func<ReceivedEmail, bool>? where = null)
    {
        var received = Assert.Single(await mail.Smtp.WaitForMessagesAsync(where: m => m.To.Contains(to) && (where?.Invoke(m) ?? true)));
        using var source = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(await mail.Smtp.SourceAsync(received.Id)));
        return await MimeMessage.LoadAsync(source);
    }

    private async Task<int> ReceivedCountAsync(string to) => (await mail.Smtp.MessagesAsync()).Count(m => m.To.Contains(to));

    private async Task<HttpResponseMessage> SubscribeAsync(HttpClient reader, string email, string choice = "EachPost", string page = "/subscribe")
    {
        var document = await reader.GetDocumentAsync(page);
        App.Clock.Advance(TimeSpan.FromSeconds(3)); // a person takes a moment to type
        return await reader.SubmitFormAsync(document, page, new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Choice"] = choice }, "form.subscribe");
    }

    private Task<Subscriber?> SubscriberAsync(string email)
    {
        var normalized = Subscriber.Normalize(email);
        return App.WithDbAsync((db, _) => db.Subscribers.AsNoTracking().SingleOrDefaultAsync(s => s.NormalizedEmail == normalized));
    }

    private Task<Subscriber> AddSubscriberAsync(string email, SubscriptionChoice choice = SubscriptionChoice.EachPost) =>
        App.WithDbAsync(async (db, _) =>
        {
            var subscriber = new Subscriber { Email = email, NormalizedEmail = Subscriber.Normalize(email), Status = SubscriberStatus.Confirmed, Choice = choice, CreatedAt = App.UtcNow, ConfirmedAt = App.UtcNow };
            db.Subscribers.Add(subscriber);
            await db.SaveChangesAsync();
            return subscriber;
        });

    [Fact]
    public async Task Double_opt_in_sends_only_a_confirmation_until_the_reader_confirms_with_the_button()
    {
        var reader = App.CreateReader();

        var answer = await SubscribeAsync(reader, "Jane.Reader@example.com");

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal("/subscribe/thanks", answer.Headers.Location!.ToString());
        Assert.Equal(SubscriberStatus.Pending, (await SubscriberAsync("jane.reader@example.com"))!.Status);
        var confirmation = await ReceivedAsync("Jane.Reader@example.com");
        Assert.StartsWith("Confirm your subscription", confirmation.Subject, StringComparison.Ordinal);
        Assert.Equal("List-Unsubscribe=One-Click", confirmation.Headers["List-Unsubscribe-Post"]);
        var token = (await SubscriberAsync("jane.reader@example.com"))!.Token;
        var link = $"/subscribe/confirm/{Uri.EscapeDataString(token)}";
        // The address before it is the blog's public one, which another test of this class may have set (order varies).
        var baseUrl = await App.WithDbAsync((db, _) => db.SiteSettings.Select(s => s.BaseUrl).SingleAsync()) ?? "http://localhost";
        Assert.Contains(baseUrl + link, confirmation.TextBody, StringComparison.Ordinal);

        var confirmPage = await reader.GetDocumentAsync(link); // opening the link (a mail scanner does) confirms nothing
        Assert.Equal(SubscriberStatus.Pending, (await SubscriberAsync("jane.reader@example.com"))!.Status);
        var confirmed = await reader.SubmitFormAsync(confirmPage, link, new Dictionary<string, string>(), "#confirm-form");

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("you are subscribed", await confirmed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(SubscriberStatus.Confirmed, (await SubscriberAsync("jane.reader@example.com"))!.Status);
    }

    [Fact]
    public async Task Subscribing_again_answers_the_same_and_sends_nothing_more()
    {
        var reader = App.CreateReader();
        await AddSubscriberAsync("known@example.com");

        var known = await SubscribeAsync(reader, "KNOWN@example.com");
        Assert.Equal("/subscribe/thanks", known.Headers.Location!.ToString());
        await SubscribeAsync(reader, "twice@example.com");
        var second = await SubscribeAsync(reader, "twice@example.com"); // within the per-address interval

        Assert.Equal("/subscribe/thanks", second.Headers.Location!.ToString());
        await ReceivedAsync("twice@example.com");
        Assert.Equal(0, await ReceivedCountAsync("known@example.com"));
        Assert.Equal(1, await ReceivedCountAsync("twice@example.com"));
    }

    [Fact]
    public async Task Posts_from_elsewhere_bots_and_hurried_forms_are_refused()
    {
        var reader = App.CreateReader();
        var document = await reader.GetDocumentAsync("/subscribe");
        App.Clock.Advance(TimeSpan.FromSeconds(3));
        var token = document.QuerySelector("form.subscribe input[name='Input.Token']")!.GetAttribute("value")!;

        using var crossSite = new HttpRequestMessage(HttpMethod.Post, "/subscribe")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = "victim@example.com", ["Input.Token"] = token }),
        };
        crossSite.Headers.Add("Sec-Fetch-Site", "cross-site");
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.SendAsync(crossSite)).StatusCode);

        var honeypot = await reader.SubmitFormAsync(document, "/subscribe", new Dictionary<string, string> { ["Input.Email"] = "bot@example.com", ["Input.Website"] = "http://spam" }, "form.subscribe");
        Assert.Equal(HttpStatusCode.Redirect, honeypot.StatusCode);

        var forged = await reader.SubmitFormAsync(document, "/subscribe", new Dictionary<string, string> { ["Input.Email"] = "forged@example.com", ["Input.Token"] = "made-up" }, "form.subscribe");
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);

        // A token made this very moment (the page itself may be an older cached copy) is too fresh for a person.
        var justMade = App.Services.GetRequiredService<Blog.Web.Security.CachedFormToken>().Issue(Blog.Web.Pages.SubscribeModel.FormPurpose);
        var hurried = await reader.SubmitFormAsync(document, "/subscribe", new Dictionary<string, string> { ["Input.Email"] = "hurried@example.com", ["Input.Token"] = justMade }, "form.subscribe");
        Assert.Equal(HttpStatusCode.BadRequest, hurried.StatusCode);

        var badAddress = await SubscribeAsync(reader, "not an address");
        Assert.Equal(HttpStatusCode.BadRequest, badAddress.StatusCode);

        Assert.Null(await SubscriberAsync("victim@example.com"));
        Assert.Null(await SubscriberAsync("bot@example.com"));
        Assert.Null(await SubscriberAsync("forged@example.com"));
        Assert.Null(await SubscriberAsync("hurried@example.com"));
    }

    [Fact]
    public async Task One_click_POST_to_the_unsubscribe_link_unsubscribes_without_sign_in_or_antiforgery()
    {
        var subscriber = await AddSubscriberAsync("oneclick@example.com");
        var reader = App.CreateReader();

        var page = await reader.GetAsync($"/unsubscribe/{subscriber.Token}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(SubscriberStatus.Confirmed, (await SubscriberAsync("oneclick@example.com"))!.Status);

        using var body = new FormUrlEncodedContent(OneClick);
        var response = await reader.PostAsync($"/unsubscribe/{subscriber.Token}", body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var after = (await SubscriberAsync("oneclick@example.com"))!;
        Assert.Equal(SubscriberStatus.Unsubscribed, after.Status);
        Assert.NotNull(after.UnsubscribedAt);
        using var unknown = new FormUrlEncodedContent(OneClick);
        Assert.Equal(HttpStatusCode.NotFound, (await reader.PostAsync("/unsubscribe/no-such-token", unknown)).StatusCode);
    }

    [Fact]
    public async Task A_published_post_is_emailed_once_with_absolute_links_and_republishing_sends_nothing_twice()
    {
        await App.WithDbAsync(async db =>
        {
            var settings = await db.SiteSettings.SingleAsync();
            settings.BaseUrl = "https://blog.example.com";
            settings.AuthorName = "Ada Writer";
            await db.SaveChangesAsync();
        });
        var each = await AddSubscriberAsync("each@example.com");
        await AddSubscriberAsync("weekly@example.com", SubscriptionChoice.WeeklyDigest);
        var owner = await OwnerAsync();

        var editor = await owner.GetDocumentAsync("/admin/posts/new");
        Assert.True(editor.QuerySelector("#Input_EmailSubscribers")!.HasAttribute("checked"));
        var created = await owner.SubmitFormAsync(editor, "/admin/posts/new", new Dictionary<string, string>
        {
            ["Input.Title"] = "Letters from Lyon", ["Input.Body"] = "A [link](/blog/other) and words.", ["action"] = "publish",
        }, "#content-editor");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var postUrl = created.Headers.Location!.ToString();
        await RunMailingsAsync();

        var email = await ReceivedAsync("each@example.com", m => m.Subject == "Letters from Lyon");
        Assert.Contains("https://blog.example.com/blog/letters-from-lyon", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("href=\"https://blog.example.com/blog/other\"", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Ada Writer", email.TextBody, StringComparison.Ordinal);
        Assert.Equal($"<https://blog.example.com/unsubscribe/{each.Token}>", email.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", email.Headers["List-Unsubscribe-Post"]);
        Assert.Equal(0, await ReceivedCountAsync("weekly@example.com"));

        // Unpublish, publish again: the post's one mailing is there already, nothing goes out.
        foreach (var action in new[] { "unpublish", "publish" })
        {
            var page = await owner.GetDocumentAsync(postUrl);
            var saved = await owner.SubmitFormAsync(page, postUrl, new Dictionary<string, string> { ["action"] = action }, "#content-editor");
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        await RunMailingsAsync();
        var postId = int.Parse(postUrl.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
        var keys = await App.WithDbAsync((db, _) => db.OutboxMessages.Where(m => m.Purpose == SubscriptionEmails.PostPurpose).Select(m => m.IdempotencyKey).ToListAsync());
        Assert.Equal([$"post:{postId}:subscriber:{each.Id}"], keys.Where(k => k.EndsWith($":subscriber:{each.Id}", StringComparison.Ordinal)));
        Assert.Equal(keys.Count, keys.Distinct().Count());

        // "Send again" is a deliberate second round.
        var mailings = await owner.GetDocumentAsync("/admin/subscribers/mailings");
        var mailingId = await App.WithDbAsync((db, _) => db.Mailings.Where(m => m.PostId == postId).Select(m => m.Id).SingleAsync());
        var again = await owner.SubmitFormAsync(mailings, "/admin/subscribers/mailings", new Dictionary<string, string>(), $"#mailing-{mailingId} form");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        await RunMailingsAsync();
        await mail.Smtp.WaitForMessagesAsync(2, m => m.To.Contains("each@example.com") && m.Subject == "Letters from Lyon");
        var results = await owner.GetDocumentAsync("/admin/subscribers/mailings");
        Assert.Contains("sent 2 times", results.QuerySelector($"#mailing-{mailingId}")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_weekly_digest_goes_once_to_digest_subscribers()
    {
        var weekly = await AddSubscriberAsync("digest@example.com", SubscriptionChoice.WeeklyDigest);
        var publishedAt = App.UtcNow;
        await App.WithDbAsync(async (db, services) =>
        {
            var post = new Blog.Web.Posts.Post("Week one", "week-one", publishedAt);
            post.SetBody("The **first** week.", services.GetRequiredService<Blog.Web.Markdown.MarkdownRenderer>(), publishedAt);
            post.Publish(publishedAt);
            db.Posts.Add(post);
            await db.SaveChangesAsync();
            return 0;
        });

        var nextMonday = MailingWorker.WeekStart(publishedAt).AddDays(7).AddHours(9);
        App.Clock.Advance(nextMonday - App.UtcNow);
        await RunMailingsAsync();
        await RunMailingsAsync();

        var digest = await ReceivedAsync("digest@example.com");
        Assert.StartsWith("This week on", digest.Subject, StringComparison.Ordinal);
        Assert.Contains("Week one", digest.TextBody, StringComparison.Ordinal);
        Assert.Contains("/blog/week-one", digest.TextBody, StringComparison.Ordinal);
        var keys = await App.WithDbAsync((db, _) => db.OutboxMessages.Where(m => m.Purpose == SubscriptionEmails.DigestPurpose && m.ToAddress == "digest@example.com").Select(m => m.IdempotencyKey).ToListAsync());
        Assert.Equal([$"{MailingWorker.DigestKey(MailingWorker.WeekStart(nextMonday))}:subscriber:{weekly.Id}"], keys);
    }

    [Fact]
    public async Task An_address_refused_for_good_is_marked_bounced_and_left_out_of_later_mailings()
    {
        var refused = await AddSubscriberAsync("refused@example.com");
        await App.WithDbAsync(async (db, services) =>
        {
            await services.GetRequiredService<Outbox>().EnqueueAsync(db, new OutgoingEmail("refused@example.com", "s", "<p>h</p>", "t", "bounce-test:1", SubscriptionEmails.PostPurpose));

            // What the outbox records when the server answers 550 (played for real in OutboxRefusalTests), saved so from the
            // start: saved as waiting first, the running outbox worker could send it before it was marked refused.
            var message = db.ChangeTracker.Entries<OutboxMessage>().Single(e => e.Entity.IdempotencyKey == "bounce-test:1").Entity;
            (message.Status, message.ServerStatusCode, message.ServerResponse) = (OutboxStatus.Failed, 550, "5.1.1 User unknown");
            await db.SaveChangesAsync();
            return 0;
        });

        await RunMailingsAsync();

        var after = (await SubscriberAsync("refused@example.com"))!;
        Assert.Equal(SubscriberStatus.Bounced, after.Status);
        Assert.NotNull(after.BouncedAt);
        Assert.Equal(refused.Id, after.Id);
    }

    [Fact]
    public async Task CSV_import_reports_bad_rows_and_export_gives_the_list_back()
    {
        var owner = await OwnerAsync();
        var page = await owner.GetDocumentAsync("/admin/subscribers/import");
        var token = page.QuerySelector("#import-form input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent("Email Address,First Name,Last Name,OPTIN_TIME,CONFIRM_TIME\nimported@example.com,Imre,Port,2020-01-01,2020-01-02 03:04:05\nbroken-row,,,,\n"u8.ToArray()), "Upload", "members.csv" },
        };

        var response = await owner.PostAsync("/admin/subscribers/import", form);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Mailchimp", html, StringComparison.Ordinal);
        Assert.Contains("Line 3", html, StringComparison.Ordinal);
        var imported = (await SubscriberAsync("imported@example.com"))!;
        Assert.Equal((SubscriberStatus.Confirmed, SubscriberSource.Import, new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc), App.UtcNow),
            (imported.Status, imported.Source, imported.ConfirmedAt!.Value, imported.ImportedAt!.Value));

        var export = await owner.GetStringAsync("/admin/subscribers?handler=export");
        Assert.Contains("imported@example.com,Imre Port,subscribed,each post", export, StringComparison.Ordinal);

        using var empty = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new ByteArrayContent("nothing,here\n1,2\n"u8.ToArray()), "Upload", "x.csv" } };
        Assert.Equal(HttpStatusCode.BadRequest, (await owner.PostAsync("/admin/subscribers/import", empty)).StatusCode);
    }
}
