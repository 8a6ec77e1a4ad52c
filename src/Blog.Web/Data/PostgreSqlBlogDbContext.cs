using Microsoft.EntityFrameworkCore;

namespace Blog.Web.Data;

/// <summary>
/// The blog's model on PostgreSQL (<c>Blog:Database:Provider</c> = <c>PostgreSQL</c>). The same entities and
/// configurations; a type of its own so that EF Core keeps its migrations (Data/Migrations/PostgreSQL, marked
/// <c>[DbContext(typeof(PostgreSqlBlogDbContext))]</c>) apart from SQLite's. The code asks for
/// <see cref="BlogDbContext"/> and gets this one.
/// </summary>
public sealed class PostgreSqlBlogDbContext(DbContextOptions<PostgreSqlBlogDbContext> options) : BlogDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // The model's case-insensitive columns (slugs, emails, redirect paths) use SQLite's built-in NOCASE collation.
        // PostgreSQL gets a collation of that name: ICU's root locale at secondary strength, which ignores case (and
        // only case: accents still count, as in SQLite), deterministic = false so that unique indexes and equality
        // compare through it too. The same name keeps the model and EF.Functions.Collate(…, "NOCASE") provider-neutral.
        builder.HasCollation(Collations.NoCase, locale: "und-u-ks-level2", provider: "icu", deterministic: false);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);

        // timestamptz, which Npgsql writes only from UTC times: an unmarked time (a default, a parsed date) is taken as UTC.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcTimestampConverter>();
    }
}

/// <summary>The collations the model names, on both providers.</summary>
public static class Collations
{
    /// <summary>Case-insensitive: SQLite's own; created by the PostgreSQL migrations (see <see cref="PostgreSqlBlogDbContext"/>).</summary>
    public const string NoCase = "NOCASE";
}
