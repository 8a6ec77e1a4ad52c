using Blog.Web.Caching;
using Blog.Web.Data.CompiledModel;
using Blog.Web.Settings;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Blog.Web.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// The blog's database: <c>Blog:Database:Provider</c> says which engine (<c>Sqlite</c>, the default, or
    /// <c>PostgreSQL</c>), <c>ConnectionStrings:Blog</c> where. For SQLite, a relative file path is taken from the
    /// content root and its folder is created on first start. This is the one place that decides.
    /// </summary>
    public static WebApplicationBuilder AddBlogData(this WebApplicationBuilder builder)
    {
        var provider = builder.Configuration.BlogDatabaseProvider();

        builder.Services.AddSingleton<PublicationSchedule>();
        builder.Services.AddSingleton<IContentChangeListener>(services => services.GetRequiredService<PublicationSchedule>());
        builder.Services.AddSingleton<SiteContext>();
        builder.Services.AddSingleton<ContentChangeInterceptor>();
        builder.Services.AddSingleton<AfterCommit>();
        if (provider == DatabaseProvider.PostgreSql)
        {
            AddPostgreSql(builder);
        }
        else
        {
            AddSqlite(builder);
        }

        // Keys live beside the content, so sign-ins and forms survive a restart or a move to a new server. They are
        // stored as they are, like everything else in the file they protect (a secret to encrypt them with would have
        // to live somewhere else and be backed up too): said once here, instead of data protection's start-up warning.
        builder.Services.AddDataProtection()
            .SetApplicationName("Blog.Web")
            .PersistKeysToDbContext<BlogDbContext>();
        builder.Services.Configure<KeyManagementOptions>(options => options.XmlEncryptor = new NullXmlEncryptor());

        builder.Services.AddTransient<SampleContent>();
        builder.Services.AddScoped<DatabaseInitializer>();
        return builder;
    }

    private static void AddSqlite(WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.BlogConnectionString(builder.Environment.ContentRootPath);
        var walAutocheckpoint = WalAutocheckpoint(builder.Configuration);

        // Pooled: a page view rents a context that is already set up instead of building one (its options, its internal
        // services) on every request, which cost more than the queries themselves.
        builder.Services.AddDbContextPool<BlogDbContext>((services, options) => options
            .UseSqlite(connectionString)
            .UseCompiledSqliteModel()
            // The migrations found by name instead of by loading every type of the app (the pending check runs each start).
            .ReplaceService<IMigrationsAssembly, SqliteMigrationsAssembly>()
            .AddInterceptors(new SqlitePragmaInterceptor(walAutocheckpoint), services.GetRequiredService<ContentChangeInterceptor>(), services.GetRequiredService<AfterCommit>())
            // SQLite rebuilds a table with foreign keys off, which it cannot do inside a transaction; EF warns about
            // each such step. The initializer says in one line what was applied instead (see DatabaseInitializer).
            .ConfigureWarnings(warnings => warnings.Log((RelationalEventId.NonTransactionalMigrationOperationWarning, LogLevel.Debug))));
    }

    private static void AddPostgreSql(WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("Blog");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                "Blog:Database:Provider is PostgreSQL, so ConnectionStrings:Blog must be a PostgreSQL connection string " +
                "(such as \"Host=localhost;Database=blog;Username=blog;Password=...\").");
        }

        // The code asks for BlogDbContext and gets the PostgreSQL type, whose migrations are PostgreSQL's own.
        builder.Services.AddDbContextPool<BlogDbContext, PostgreSqlBlogDbContext>((services, options) => options
            .UseNpgsql(connectionString)
            .AddInterceptors(services.GetRequiredService<ContentChangeInterceptor>(), services.GetRequiredService<AfterCommit>()));
    }

    /// <summary><c>Blog:Database:Provider</c>: <c>Sqlite</c> when unset.</summary>
    public static DatabaseProvider BlogDatabaseProvider(this IConfiguration configuration)
    {
        const string Key = "Blog:Database:Provider";
        var text = configuration[Key];
        if (string.IsNullOrWhiteSpace(text) || string.Equals(text, "Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            return DatabaseProvider.Sqlite;
        }

        return text.Trim().ToUpperInvariant() is "POSTGRESQL" or "POSTGRES" or "NPGSQL"
            ? DatabaseProvider.PostgreSql
            : throw new InvalidOperationException($"{Key} must be Sqlite (the default) or PostgreSQL, not '{text}'.");
    }

    /// <summary>
    /// <c>Blog:Database:WalAutocheckpoint</c>: the WAL size, in pages, at which SQLite checkpoints on its own (PASSIVE;
    /// SQLite's default 1000 when unset), or 0 to leave checkpoints to a replicator such as Litestream.
    /// </summary>
    internal static int? WalAutocheckpoint(IConfiguration configuration)
    {
        const string Key = "Blog:Database:WalAutocheckpoint";
        var text = configuration[Key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pages)
            ? pages
            : throw new InvalidOperationException($"{Key} must be a whole number of pages (0 or more), not '{text}'.");
    }

    /// <summary>Where the blog's data lives (SQLite) when <c>ConnectionStrings:Blog</c> does not say.</summary>
    public const string DefaultConnectionString = "Data Source=data/blog.db";

    /// <summary>The blog's connection string, its file's path made absolute against <paramref name="contentRoot"/>.</summary>
    public static string BlogConnectionString(this IConfiguration configuration, string contentRoot) =>
        ResolveConnectionString(configuration.GetConnectionString("Blog") ?? DefaultConnectionString, contentRoot);

    internal static string ResolveConnectionString(string connectionString, string contentRoot)
    {
        var sqlite = new SqliteConnectionStringBuilder(connectionString);
        if (sqlite.DataSource is not (":memory:" or "") && sqlite.Mode != SqliteOpenMode.Memory)
        {
            var path = Path.GetFullPath(sqlite.DataSource, contentRoot);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            sqlite.DataSource = path;
        }

        return sqlite.ToString();
    }
}

/// <summary>The database engines the blog runs on (<c>Blog:Database:Provider</c>).</summary>
public enum DatabaseProvider
{
    /// <summary>One file beside the app: the default, and the right choice for one server.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server, for several instances sharing one database.</summary>
    PostgreSql,
}
