using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Blog.Web.Data;

/// <summary>
/// Lets <c>dotnet ef migrations add X --context BlogDbContext --output-dir Data/Migrations</c> (and the compiled model's
/// <c>dbcontext optimize</c>) build SQLite's model without the app or a file: adding a migration never opens one.
/// It must exist: <see cref="IDesignTimeDbContextFactory{TContext}"/> is covariant, so without it the tools would take
/// <see cref="PostgreSqlDesignTimeFactory"/> for <see cref="BlogDbContext"/> too and write PostgreSQL's model into
/// SQLite's migrations. <c>MigrationsPerProviderTests</c> checks both.
/// </summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<BlogDbContext>
{
    public BlogDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<BlogDbContext>().UseSqlite("Data Source=blog-design-time.db").Options);
}

/// <summary>
/// Lets <c>dotnet ef migrations add X --context PostgreSqlBlogDbContext --output-dir Data/Migrations/PostgreSQL</c>
/// build the PostgreSQL model without a server or any configuration: adding a migration never connects.
/// </summary>
internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlBlogDbContext>
{
    public PostgreSqlBlogDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlBlogDbContext>().UseNpgsql("Host=localhost;Database=blog_design_time").Options);
}
