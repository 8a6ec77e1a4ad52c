using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Blog.Web.Data;

/// <summary>
/// Lets <c>dotnet ef migrations add X --context PostgreSqlBlogDbContext --output-dir Data/Migrations/PostgreSQL</c>
/// build the PostgreSQL model without a server or any configuration: adding a migration never connects.
/// </summary>
internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlBlogDbContext>
{
    public PostgreSqlBlogDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlBlogDbContext>().UseNpgsql("Host=localhost;Database=blog_design_time").Options);
}
