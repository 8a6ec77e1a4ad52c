using Blog.Web.Accounts;
using Blog.Web.Caching;
using Blog.Web.Comments;
using Blog.Web.Data;
using Blog.Web.Feeds;
using Blog.Web.Hosting;
using Blog.Web.Instances;
using Blog.Web.Mail;
using Blog.Web.Markdown;
using Blog.Web.Media;
using Blog.Web.Portability;
using Blog.Web.Security;
using Blog.Web.Seo;
using Blog.Web.Settings;
using Blog.Web.Statistics;
using Blog.Web.Subscriptions;
using Blog.Web.Webmentions;

var builder = WebApplication.CreateBuilder(args);

// Configuration: the repository's appsettings.Development.json applies to `dotnet run`.
builder.AddRepositoryDevelopmentSettings();

// Services: scopes and the container validated in Development and wherever Blog:ValidateServices is set (every test).
builder.ValidateServicesWhereAsked();

// Time: one clock for the whole app, so scheduling can be tested by moving it.
builder.Services.AddSingleton(TimeProvider.System);

// Background work: the workers begin a moment after the first page is served, not while it is being rendered.
builder.Services.AddBackgroundStart();

// Storage: content, settings, users and data-protection keys in one SQLite file.
builder.AddBlogData();

// Several instances: this one's identity, and database leases so background work runs once across all of them.
builder.Services.AddInstances(builder.Configuration);

// Markdown: one Markdig pipeline with sanitized output, and the <markdown> tag helper.
builder.Services.AddMarkdown();

// Photos: uploads turned into responsive variants, stored as blobs in the same SQLite file.
builder.AddMedia();

// The owner's account: Identity on the same database, hardened cookies, one-time set-up link, optional 2FA.
builder.Services.AddOwnerAccount();

// Sign-in throttling: a few log-in and set-up attempts per minute per client address.
builder.Services.AddSignInRateLimiting();

// Speed: public pages cached until content changes, text compressed.
builder.Services.AddSpeed(builder.Configuration);

// Reader statistics: counted in memory at the front of the pipeline, written as daily figures every few seconds.
builder.Services.AddReaderStatistics(builder.Configuration);

// Comments: readers write under posts (a signed form token, spam rules without a third party), the author moderates.
builder.Services.AddComments(builder.Configuration);

// Moving in and out: imports in the background, export, backup, redirects from old addresses.
builder.Services.AddPortability();

// Email: an outbox in the same database, sent in the background through the configured SMTP server.
builder.Services.AddMail(builder.Configuration);

// Subscriptions: readers subscribe (double opt-in); posts and weekly digests go to them through the outbox.
builder.Services.AddSubscriptions(builder.Configuration);

// Webmentions: other sites' replies, likes and mentions verified in the background; the posts' own links notified.
builder.Services.AddWebmentions(builder.Configuration);

// Pages: the public site, and the dashboard under /admin (owner only, by folder convention).
builder.Services.AddSitePages();

var app = builder.Build();

// Storage: the database brought up to date (and a new blog given its sample content) on another thread, while the
// pipeline below is put together: start-up would otherwise be the sum of the two.
var database = Task.Run(app.InitializeDatabaseAsync);

// Background work: the first response sent lets the workers begin.
app.UseBackgroundStart();

// Security headers (CSP and friends) on every response, behind a reverse proxy too.
app.UseSecurityHeaders();

// Reader statistics: reads counted here, before the page cache answers them; the pixel answered here too.
app.UseReaderStatistics();

// Speed: a public page kept for anonymous readers is answered here, before anything else runs.
app.UsePageCache();

// Errors: friendly pages with the right status, never a stack trace outside Development.
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler(new ExceptionHandlerOptions
    {
        ExceptionHandlingPath = SitePaths.ServerError,

        // A request the server could not take (a body too large, a form over plain http) stays a client error.
        StatusCodeSelector = error => error is BadHttpRequestException refused ? refused.StatusCode : StatusCodes.Status500InternalServerError,
    });
    app.UseHsts();
}

app.UseStatusCodePagesWithReExecute(SitePaths.ErrorTemplate);

// An old address (imported permalink, changed slug) answers 301 where nothing else answers it.
app.UseRedirectsFromOldAddresses();

// Static assets: fingerprinted, compressed at build time, cached as immutable.
app.MapStaticAssets();

app.UseCompressionOutsideAdmin();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();

// Library photos by id: /media/{id}/{variant}.{ext}, cached as immutable.
app.MapMedia();

app.MapRazorPages().WithStaticAssets();

// Comment emails' links: confirming replies by email, one-click unsubscribe.
app.MapComments();

// The Webmention endpoint (/webmention): cross-site by design, so no antiforgery; rate-limited and queued.
app.MapWebmentions();

// Being found: RSS and Atom feeds (blog, tag, category), the sitemap and robots.txt.
app.MapFeeds();
app.MapSeoFiles();

// Reader statistics: the empty stylesheet a rendered page loads, telling a browser from a program (/stats/seen/{token}.css).
app.MapReaderStatistics();

// Command line: `admin set-password --email E` sets the owner's password; `import FILE [--dry-run]` and `backup PATH`
// are for large files and scheduled backups; `copy-to-postgresql "CONNECTION STRING"` moves a SQLite blog to PostgreSQL.
// None of them starts the server; they come after the routes are mapped, so the import knows the addresses a page may
// not take.
if (args is [("admin" or "import" or "backup" or "copy-to-postgresql"), ..])
{
    await database;
    return args[0] switch
    {
        "admin" => await AdminCommand.RunAsync(app, args),
        "import" => await PortabilityCommands.ImportAsync(app, args),
        "copy-to-postgresql" => await PortabilityCommands.CopyToPostgreSqlAsync(app, args),
        _ => await PortabilityCommands.BackupAsync(app, args),
    };
}

// Nothing is served before the database is ready.
await database;
try
{
    await app.RunAsync();
}
catch (IOException busy) when (busy.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
{
    // The host has logged the details; the person at the console gets what to do.
    await Console.Error.WriteLineAsync(
        $"{busy.Message} Another program is using that port: stop it, or give the blog another address, for example --urls http://localhost:5081");
    return 1;
}

return 0;

/// <summary>The app's entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
