using Blog.Web.Comments;
using Blog.Web.Tests.Infrastructure;
using Blog.Web.Webmentions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Blog.Web.Tests.Webmentions;

internal static class WebmentionTesting
{
    /// <summary>
    /// A blog whose webmention fetches may reach the loopback stand-ins (or not, when <paramref name="allowPrivate"/> is
    /// false), on SQLite or on PostgreSQL.
    /// </summary>
    public static BlogFactory CreateApp(bool allowPrivate = true, bool postgreSql = false)
    {
        var app = postgreSql ? new PostgresBlogFactory() : new BlogFactory();
        app.Settings["Blog:Webmentions:AllowPrivateAddresses"] = allowPrivate ? "true" : "false";
        return app;
    }

    public static Task<HttpResponseMessage> SendWebmentionAsync(this HttpClient client, string source, string target) =>
        client.PostAsync("/webmention", new FormUrlEncodedContent(new Dictionary<string, string> { ["source"] = source, ["target"] = target }));

    /// <summary>Runs the worker until neither queue has a row due now (the background worker may take some of them first).</summary>
    public static async Task ProcessWebmentionsAsync(this BlogFactory app)
    {
        var worker = app.Services.GetRequiredService<WebmentionWorker>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await worker.RunOnceAsync(CancellationToken.None);
            var now = app.UtcNow;
            var busy = await app.WithDbAsync(async (db, _) =>
                await db.ReceivedWebmentions.AnyAsync(w => w.State == WebmentionState.Working || (w.State == WebmentionState.Pending && w.NextAttemptAt <= now))
                || await db.OutgoingWebmentions.AnyAsync(w => w.State == WebmentionState.Working || (w.State == WebmentionState.Pending && w.NextAttemptAt <= now)));
            if (!busy)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The webmention queues did not drain.");
            }

            await Task.Delay(50);
        }
    }

    public static Task<List<ReceivedWebmention>> ReceivedAsync(this BlogFactory app) =>
        app.WithDbAsync(async (db, _) => await db.ReceivedWebmentions.AsNoTracking().OrderBy(w => w.Id).ToListAsync());

    public static Task<List<OutgoingWebmention>> OutgoingAsync(this BlogFactory app) =>
        app.WithDbAsync(async (db, _) => await db.OutgoingWebmentions.AsNoTracking().OrderBy(w => w.Id).ToListAsync());

    public static Task<List<Comment>> MentionsAsync(this BlogFactory app) =>
        app.WithDbAsync(async (db, _) => await db.Comments.AsNoTracking().Where(c => c.SourceUrl != null).OrderBy(c => c.Id).ToListAsync());

    /// <summary>An h-entry page of <paramref name="author"/> pointing at <paramref name="target"/> with <paramref name="property"/> (u-in-reply-to, u-like-of…).</summary>
    public static string Entry(string target, string property, string author = "Bea Blogger", string text = "What a fine post.") => $$"""
        <!DOCTYPE html><html><head><title>Bea's notes</title></head><body>
        <article class="h-entry">
          <a class="p-author h-card" href="https://bea.example/">{{author}}</a>
          <a class="{{property}}" href="{{target}}">a post</a>
          <div class="e-content"><p>{{text}}</p></div>
          <time class="dt-published" datetime="2026-05-30T10:00:00Z">30 May</time>
        </article></body></html>
        """;
}
