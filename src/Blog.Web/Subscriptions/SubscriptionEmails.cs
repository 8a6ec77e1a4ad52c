using System.Globalization;
using System.Net;
using System.Text;
using AngleSharp.Html.Parser;
using Blog.Web.Feeds;
using Blog.Web.Mail;
using Blog.Web.Seo;
using Blog.Web.Settings;

namespace Blog.Web.Subscriptions;

/// <summary>A post as an email needs it.</summary>
public sealed record MailedPost(int Id, string Title, string Slug, string BodyHtml, string BodyText, string Opening, DateTime PublishedAtUtc);

/// <summary>
/// Writes the subscription emails (confirmation, a post, the weekly digest) in HTML and plain text, each with its
/// unsubscribe link in the body and in RFC 8058's <c>List-Unsubscribe</c> / <c>List-Unsubscribe-Post</c> headers.
/// </summary>
public static class SubscriptionEmails
{
    public const string ConfirmPurpose = "subscription-confirm";
    public const string PostPurpose = "subscription-post";
    public const string DigestPurpose = "subscription-digest";

    public static OutgoingEmail Confirmation(Subscriber subscriber, SiteSettings settings, SiteAddress site)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(site);
        var link = site.Absolute(Addresses.SitePaths.ConfirmSubscription(subscriber.Token));
        var what = subscriber.Choice == SubscriptionChoice.WeeklyDigest ? "a weekly digest of new posts" : "an email for each new post";
        var title = settings.BlogTitle;
        var html = $"""
            <p>Someone, hopefully you, asked to receive {E(what)} from <strong>{E(title)}</strong> at this address.</p>
            <p><a href="{E(link)}">Confirm the subscription</a></p>
            <p>If it was not you, ignore this email: nothing more will be sent.</p>
            """;
        var text = $"Someone, hopefully you, asked to receive {what} from {title} at this address.\n\nConfirm the subscription: {link}\n\nIf it was not you, ignore this email: nothing more will be sent.\n";
        var key = string.Create(CultureInfo.InvariantCulture, $"subscribe-confirm:{subscriber.Token}:{subscriber.ConfirmationsSent}");
        return Wrap(subscriber, $"Confirm your subscription to {title}", html, text, key, ConfirmPurpose, settings, site);
    }

    public static OutgoingEmail Post(Subscriber subscriber, MailedPost post, string key, SiteSettings settings, SiteAddress site)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(settings);
        var url = site.Post(post.Slug);
        var html = $"""
            <h1 style="font-size:1.6em"><a href="{E(url)}">{E(post.Title)}</a></h1>
            {ForEmail(post.BodyHtml, site, url)}
            <p>— {E(settings.AuthorName)}</p>
            <p><a href="{E(url)}">Read “{E(post.Title)}” on {E(settings.BlogTitle)}</a></p>
            """;
        var text = $"{post.Title}\n{url}\n\n{post.BodyText}\n\n— {settings.AuthorName}\n\nRead it on {settings.BlogTitle}: {url}\n";
        return Wrap(subscriber, post.Title, html, text, key, PostPurpose, settings, site);
    }

    public static OutgoingEmail Digest(Subscriber subscriber, IReadOnlyList<MailedPost> posts, string key, SiteSettings settings, SiteAddress site)
    {
        ArgumentNullException.ThrowIfNull(posts);
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(settings);
        var html = new StringBuilder($"<h1 style=\"font-size:1.4em\">This week on {E(settings.BlogTitle)}</h1>\n");
        var text = new StringBuilder($"This week on {settings.BlogTitle}\n\n");
        foreach (var post in posts)
        {
            var url = site.Post(post.Slug);
            html.Append(CultureInfo.InvariantCulture, $"<h2 style=\"font-size:1.2em\"><a href=\"{E(url)}\">{E(post.Title)}</a></h2>\n<p>{E(post.Opening)}</p>\n");
            text.Append(CultureInfo.InvariantCulture, $"{post.Title}\n{url}\n{post.Opening}\n\n");
        }

        html.Append(CultureInfo.InvariantCulture, $"<p>— {E(settings.AuthorName)}</p>");
        text.Append(CultureInfo.InvariantCulture, $"— {settings.AuthorName}\n");
        var subject = posts.Count == 1 ? $"This week on {settings.BlogTitle}: {posts[0].Title}" : $"This week on {settings.BlogTitle}: {posts.Count} new posts";
        return Wrap(subscriber, subject, html.ToString(), text.ToString(), key, DigestPurpose, settings, site);
    }

    /// <summary>
    /// The post's HTML for a mail client: every address absolute, and each photo as its single right-sized variant
    /// (the <c>img</c>'s own <c>src</c>): mail clients ignore <c>&lt;source&gt;</c> and <c>srcset</c> or get them wrong.
    /// </summary>
    public static string ForEmail(string bodyHtml, SiteAddress site, string pageUrl)
    {
        var document = new HtmlParser().ParseDocument($"<body>{bodyHtml}</body>");
        foreach (var source in document.Body!.QuerySelectorAll("picture source, script, style").ToList())
        {
            source.Remove();
        }

        foreach (var image in document.Body.QuerySelectorAll("img"))
        {
            image.RemoveAttribute("srcset");
            image.RemoveAttribute("sizes");
            image.RemoveAttribute("loading");
            image.RemoveAttribute("decoding");
            image.SetAttribute("style", "max-width:100%;height:auto");
        }

        return AbsoluteHtml.Rewrite(document.Body.InnerHtml, site, pageUrl);
    }

    private static OutgoingEmail Wrap(Subscriber subscriber, string subject, string html, string text, string key, string purpose, SiteSettings settings, SiteAddress site)
    {
        var unsubscribe = site.Absolute(Addresses.SitePaths.Unsubscribe(subscriber.Token));
        var footerHtml = $"""
            <hr>
            <p style="font-size:0.85em;color:#555">You receive this because you subscribed to {E(settings.BlogTitle)}. <a href="{E(unsubscribe)}">Unsubscribe</a></p>
            """;
        var footerText = $"\n--\nYou receive this because you subscribed to {settings.BlogTitle}.\nUnsubscribe: {unsubscribe}\n";
        return new OutgoingEmail(subscriber.Email, subject, $"<!DOCTYPE html><html><body style=\"font-family:Georgia,serif;max-width:40em;margin:auto\">{html}{footerHtml}</body></html>", text + footerText, key, purpose)
        {
            ToName = subscriber.Name,
            Headers = new Dictionary<string, string>
            {
                ["List-Unsubscribe"] = $"<{unsubscribe}>",
                ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
            },
        };
    }

    private static string E(string? value) => WebUtility.HtmlEncode(value ?? "");
}
