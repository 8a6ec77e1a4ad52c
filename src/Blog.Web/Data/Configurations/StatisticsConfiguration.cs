using Blog.Web.Statistics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Blog.Web.Data.Configurations;

// Reader statistics: daily figures only. Every table is named Statistics*, and none has a column that could hold
// anything about a reader (the test in Statistics/PrivacyTests reads them all).

public sealed class DailySiteFiguresConfiguration : IEntityTypeConfiguration<DailySiteFigures>
{
    public void Configure(EntityTypeBuilder<DailySiteFigures> builder)
    {
        builder.ToTable("StatisticsDays");
        builder.HasKey(d => d.Day);
    }
}

public sealed class DailyPageFiguresConfiguration : IEntityTypeConfiguration<DailyPageFigures>
{
    public void Configure(EntityTypeBuilder<DailyPageFigures> builder)
    {
        builder.ToTable("StatisticsPages");
        builder.HasKey(p => new { p.Day, p.Path });
        builder.Property(p => p.Path).HasMaxLength(2048);

        // A post's own figures, by id, over a range of days.
        builder.HasIndex(p => new { p.Kind, p.ContentId, p.Day });
    }
}

public sealed class DailySourceFiguresConfiguration : IEntityTypeConfiguration<DailySourceFigures>
{
    public void Configure(EntityTypeBuilder<DailySourceFigures> builder)
    {
        builder.ToTable("StatisticsSources");
        builder.HasKey(s => new { s.Day, s.Path, s.Kind, s.Name });
        builder.Property(s => s.Path).HasMaxLength(2048);
        builder.Property(s => s.Name).HasMaxLength(Referrers.MaxSourceLength);
    }
}

public sealed class DailyFeedFiguresConfiguration : IEntityTypeConfiguration<DailyFeedFigures>
{
    public void Configure(EntityTypeBuilder<DailyFeedFigures> builder)
    {
        builder.ToTable("StatisticsFeeds");
        builder.HasKey(f => new { f.Day, f.Path, f.Reader });
        builder.Property(f => f.Path).HasMaxLength(2048);
        builder.Property(f => f.Reader).HasMaxLength(64);
    }
}
