using Blog.Web.Comments;
using Blog.Web.Editing;
using Blog.Web.Instances;
using Blog.Web.Mail;
using Blog.Web.Writing;
using Blog.Web.Media;
using Blog.Web.Portability;
using Blog.Web.Portability.Import;
using Blog.Web.Posts;
using Blog.Web.Settings;
using Blog.Web.StaticPages;
using Blog.Web.Statistics;
using Blog.Web.Subscriptions;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Data;

/// <summary>
/// Everything the blog owns, in one database: content, settings, the owner's account and the data-protection keys. This
/// type is the SQLite one (its migrations are in Data/Migrations); <see cref="PostgreSqlBlogDbContext"/> is the same
/// model on PostgreSQL, a type of its own so each provider keeps its own migrations (Data/Migrations/PostgreSQL).
/// </summary>
public class BlogDbContext : IdentityDbContext<BlogUser>, IDataProtectionKeyContext
{
    public BlogDbContext(DbContextOptions<BlogDbContext> options)
        : base(options)
    {
    }

    /// <summary>For a provider's own context type (<see cref="PostgreSqlBlogDbContext"/>).</summary>
    protected BlogDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<Post> Posts => Set<Post>();

    public DbSet<StaticPage> StaticPages => Set<StaticPage>();

    public DbSet<Tag> Tags => Set<Tag>();

    public DbSet<Category> Categories => Set<Category>();

    public DbSet<SiteSettings> SiteSettings => Set<SiteSettings>();

    public DbSet<ContentRevision> Revisions => Set<ContentRevision>();

    public DbSet<Autosave> Autosaves => Set<Autosave>();

    /// <summary>The photo library; the bytes are in MediaBlobs, written and read as streams.</summary>
    public DbSet<MediaItem> MediaItems => Set<MediaItem>();

    public DbSet<MediaVariant> MediaVariants => Set<MediaVariant>();
    public DbSet<Redirect> Redirects => Set<Redirect>();

    /// <summary>Readers' comments and the author's replies, with their moderation state.</summary>
    public DbSet<Comment> Comments => Set<Comment>();

    public DbSet<CommentSettings> CommentSettings => Set<CommentSettings>();

    public DbSet<ImportedItem> ImportedItems => Set<ImportedItem>();

    public DbSet<ImportRun> ImportRuns => Set<ImportRun>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Reader statistics: daily figures, nothing about any reader.</summary>
    public DbSet<DailySiteFigures> StatisticsDays => Set<DailySiteFigures>();

    public DbSet<DailyPageFigures> StatisticsPages => Set<DailyPageFigures>();

    public DbSet<DailySourceFigures> StatisticsSources => Set<DailySourceFigures>();

    public DbSet<DailyFeedFigures> StatisticsFeeds => Set<DailyFeedFigures>();

    /// <summary>Every email, from the moment something causes it until a mail server accepts it (Mail/Outbox).</summary>
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<MailSettings> MailSettings => Set<MailSettings>();

    /// <summary>Email subscribers and the sends to them (Subscriptions/).</summary>
    public DbSet<Subscriber> Subscribers => Set<Subscriber>();

    public DbSet<Mailing> Mailings => Set<Mailing>();

    /// <summary>Webmentions received (to verify) and to send (Webmentions/).</summary>
    public DbSet<Webmentions.ReceivedWebmention> ReceivedWebmentions => Set<Webmentions.ReceivedWebmention>();

    public DbSet<Webmentions.OutgoingWebmention> OutgoingWebmentions => Set<Webmentions.OutgoingWebmention>();

    /// <summary>Work that runs on one instance at a time when several share the database (Instances/).</summary>
    public DbSet<Lease> Leases => Set<Lease>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(BlogDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no date type: times are stored as sortable UTC text and come back marked as UTC.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }
}
