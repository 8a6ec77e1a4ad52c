using Blog.Web.Posts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Blog.Web.Data.Configurations;

internal static class PublishableContentConfiguration
{
    /// <summary>The columns and indexes that posts and static pages share.</summary>
    public static void ConfigureContent<T>(this EntityTypeBuilder<T> builder)
        where T : PublishableContent
    {
        builder.Property(c => c.Title).HasMaxLength(300).IsRequired();
        builder.Property(c => c.Slug).HasMaxLength(Slug.MaxLength).IsRequired().UseCollation("NOCASE");
        builder.HasIndex(c => c.Slug).IsUnique();
        builder.Property(c => c.BodyMarkdown).IsRequired();
        builder.Property(c => c.BodyHtml).IsRequired();
        builder.Property(c => c.BodyText).IsRequired();
        builder.Property(c => c.Opening).HasMaxLength(PublishableContent.OpeningLength).IsRequired();
        builder.Property(c => c.SeoTitle).HasMaxLength(300);
        builder.Property(c => c.SeoDescription).HasMaxLength(500);
        builder.Ignore(c => c.ReadingMinutes);
        builder.Property(c => c.Version).IsConcurrencyToken();

        // Every reader-facing list, count and previous/next link reads only this partial index of the visible (or
        // scheduled) rows, sorted by publish time. SQLite uses it when a query's WHERE contains its filter word for
        // word, which ContentQueries.VisibleAt guarantees (VisibilityRuleTests checks it).
        builder.HasIndex(c => new { c.PublishedAtUtc, c.Id })
            .HasDatabaseName($"IX_{typeof(T).Name}s_Visible")
            .HasFilter(Visibility.ListedSqlFilter);

        // The dashboard's lists by status.
        builder.HasIndex(c => new { c.Status, c.PublishedAtUtc });
    }
}
