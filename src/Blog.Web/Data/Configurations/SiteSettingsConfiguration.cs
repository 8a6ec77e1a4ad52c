using Blog.Web.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Blog.Web.Data.Configurations;

internal sealed class SiteSettingsConfiguration : IEntityTypeConfiguration<SiteSettings>
{
    public void Configure(EntityTypeBuilder<SiteSettings> builder)
    {
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.BlogTitle).HasMaxLength(200).IsRequired();
        builder.Property(s => s.Tagline).HasMaxLength(300);
        builder.Property(s => s.AuthorName).HasMaxLength(200).IsRequired();
        builder.Property(s => s.AuthorBio).HasMaxLength(4000);
        builder.Property(s => s.TimeZoneId).HasMaxLength(100).IsRequired();
        builder.Property(s => s.Language).HasMaxLength(35).IsRequired();
        builder.Property(s => s.FooterText).HasMaxLength(2000);
        builder.Property(s => s.BaseUrl).HasMaxLength(300);
        builder.Ignore(s => s.TimeZone);
        builder.OwnsMany(s => s.SocialLinks, links => links.ToJson());
    }
}
