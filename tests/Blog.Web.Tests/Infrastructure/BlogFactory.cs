using Blog.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Blog.Web.Tests.Infrastructure;

/// <summary>
/// The real app over a fresh SQLite file of its own, with a clock the test moves. Each test class gets its own,
/// so tests never see each other's posts.
/// </summary>
public class BlogFactory : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset Start = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly string databasePath = Path.Combine(Path.GetTempPath(), "blog-web-tests", $"{Guid.NewGuid():N}", "blog.db");
    private bool databasePathGiven;

    public string DatabasePath
    {
        get => databasePath;
        init
        {
            databasePath = value;
            databasePathGiven = true;
        }
    }

    /// <summary>
    /// Whether a new database file starts as a copy of the run's migrated template (<see cref="SqliteTemplate"/>)
    /// instead of being migrated by the app at start-up: the same schema and no rows, so the app still starts as a new
    /// blog, without spending half a second of CPU per factory applying every migration. Only for the factory's own
    /// new file (never a <see cref="DatabasePath"/> given to it); <c>false</c> for the tests about the first start
    /// and the migrations themselves. PostgreSQL's factories do the same with a template database.
    /// </summary>
    public bool FromMigratedTemplate { get; init; } = true;

    public FakeTimeProvider Clock { get; } = new(Start);

    /// <summary>Whether the app adds its sample content to the new database, as on a real first start.</summary>
    public bool SeedSampleContent { get; init; }

    public string EnvironmentName { get; init; } = "Testing";

    /// <summary>
    /// Sign-in POSTs allowed per client address per minute. High by default, because every test signs in from the same
    /// address; the rate-limit tests lower it.
    /// </summary>
    public int SignInRateLimit { get; init; } = 10_000;

    /// <summary>
    /// PBKDF2 iterations for passwords hashed and checked in this app: few by default, since each of the app's own
    /// 600,000 costs about a second of a CI core, paid twice by every test that signs in (the owner made, then the
    /// log-in form). It is still the app's own hasher (a wrong password is refused, a hash is salted and stored the
    /// same way); <c>null</c> keeps the app's own count, for the tests about hashing itself (<see cref="Accounts.LoginTests"/>).
    /// </summary>
    public int? PasswordHashIterations { get; init; } = QuickPasswordHashIterations;

    /// <summary>The test default for <see cref="PasswordHashIterations"/>.</summary>
    public const int QuickPasswordHashIterations = 1_000;

    /// <summary>Every log line the app writes, for tests that read what it printed (such as the set-up link).</summary>
    public LogCapture Logs { get; } = new();

    /// <summary>Configuration settings for one test class (<c>Blog:Statistics:Enabled</c> = <c>false</c>).</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>Extra service changes for one test class (applied after the factory's own).</summary>
    public Action<IServiceCollection>? ExtraServices { get; init; }

    public DateTime UtcNow => Clock.GetUtcNow().UtcDateTime;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.UseStaticWebAssets(); // serve wwwroot-assets from the source tree, as `dotnet run` does
        // ...but as built, the way a published blog serves them (precompressed, immutable), not re-read and re-compressed
        // at run time the way Development reloads edited files (stored gzip, no-cache), which is not what readers get.
        builder.UseSetting("ReloadStaticAssetsAtRuntime", "false");
        UseDatabase(builder);
        builder.UseSetting("Blog:ValidateServices", "true");
        builder.UseSetting("Blog:SeedSampleContent", SeedSampleContent ? "true" : "false");
        builder.UseSetting("Blog:SignInRateLimit:PermitLimit", SignInRateLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<ILoggerProvider>(Logs);
            if (PasswordHashIterations is { } iterations)
            {
                services.Configure<PasswordHasherOptions>(options => options.IterationCount = iterations);
            }

            ExtraServices?.Invoke(services);
        });
    }

    /// <summary>Another new app with a database of its own, on the same provider as this one.</summary>
    public virtual BlogFactory Sibling() => new();

    /// <summary>Sets one configuration setting (before the app starts) and returns the factory.</summary>
    public BlogFactory WithSetting(string key, string value)
    {
        Settings[key] = value;
        return this;
    }

    /// <summary>A second app on this one's database, as after a restart.</summary>
    public virtual BlogFactory OnTheSameDatabase() => new() { DatabasePath = DatabasePath };

    /// <summary>Points the app at this factory's own database: a SQLite file here (<see cref="PostgresBlogFactory"/>: a PostgreSQL database).</summary>
    protected virtual void UseDatabase(IWebHostBuilder builder)
    {
        if (FromMigratedTemplate && !databasePathGiven && !File.Exists(DatabasePath))
        {
            SqliteTemplate.CopyTo(DatabasePath);
        }

        builder.UseSetting("ConnectionStrings:Blog", $"Data Source={DatabasePath}");
    }

    /// <summary>Whatever the environment, the container is checked as Development checks it: scopes and build.</summary>
    protected override IHost CreateHost(IHostBuilder builder)
    {
        builder.UseDefaultServiceProvider(options =>
        {
            options.ValidateScopes = true;
            options.ValidateOnBuild = true;
        });
        return base.CreateHost(builder);
    }

    public HttpClient CreateReader() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>Runs <paramref name="work"/> against the app's own database, as the app would.</summary>
    public async Task<T> WithDbAsync<T>(Func<BlogDbContext, IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BlogDbContext>();
        return await work(db, scope.ServiceProvider);
    }

    public Task WithDbAsync(Func<BlogDbContext, Task> work) =>
        WithDbAsync<bool>(async (db, _) =>
        {
            await work(db);
            return true;
        });

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path.GetDirectoryName(DatabasePath)!, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open only leaves a temp folder behind.
        }
    }
}
