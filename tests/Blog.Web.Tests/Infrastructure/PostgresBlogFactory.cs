using Microsoft.AspNetCore.Hosting;
using Npgsql;

namespace Blog.Web.Tests.Infrastructure;

/// <summary>
/// The real app on PostgreSQL (<c>Blog:Database:Provider</c> = <c>PostgreSQL</c>): a fresh database of its own on the
/// test run's shared server (<see cref="PostgresTestServer"/>), dropped when the factory is disposed. A test class
/// written for <see cref="BlogFactory"/> runs on PostgreSQL by a derived class that passes this factory.
/// </summary>
public class PostgresBlogFactory : BlogFactory
{
    private readonly Lazy<string> connectionString;
    private readonly bool ownsDatabase;

    public PostgresBlogFactory()
    {
        connectionString = new(() => PostgresTestServer.CreateDatabaseAsync().GetAwaiter().GetResult());
        ownsDatabase = true;
    }

    /// <summary>A second app on another factory's database, as after a restart or as another instance; it drops nothing.</summary>
    private PostgresBlogFactory(PostgresBlogFactory sameDatabaseAs)
    {
        connectionString = new(() => sameDatabaseAs.ConnectionString);
        Clock.SetUtcNow(sameDatabaseAs.Clock.GetUtcNow());
    }

    private PostgresBlogFactory(string existingDatabase, bool ownsDatabase)
    {
        connectionString = new(() => existingDatabase);
        this.ownsDatabase = ownsDatabase;
    }

    /// <summary>An app on a database made elsewhere (by <see cref="PostgresTestServer.CreateDatabaseAsync"/>), dropped with the factory.</summary>
    public static PostgresBlogFactory OnDatabase(string connectionString) => new(connectionString, ownsDatabase: true);

    /// <summary>This factory's database, created on first use.</summary>
    public string ConnectionString => connectionString.Value;

    public override BlogFactory Sibling() => new PostgresBlogFactory();

    public override BlogFactory OnTheSameDatabase() => SameDatabaseAs(this);

    /// <summary>A second app on <paramref name="other"/>'s database, as after a restart or as another instance; it drops nothing.</summary>
    public static PostgresBlogFactory SameDatabaseAs(PostgresBlogFactory other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new PostgresBlogFactory(other);
    }

    protected override void UseDatabase(IWebHostBuilder builder)
    {
        builder.UseSetting("Blog:Database:Provider", "PostgreSQL");
        builder.UseSetting("ConnectionStrings:Blog", ConnectionString);
        // Uploaded imports wait beside the SQLite file; here, in this factory's temp folder all the same.
        builder.UseSetting("Blog:Database:ImportFolder", Path.Combine(Path.GetDirectoryName(DatabasePath)!, "imports"));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (ownsDatabase && connectionString.IsValueCreated)
        {
            using (var connection = new NpgsqlConnection(connectionString.Value))
            {
                NpgsqlConnection.ClearPool(connection);
            }

            PostgresTestServer.DropDatabaseAsync(connectionString.Value).GetAwaiter().GetResult();
        }
    }
}
