using Blog.Web.Subscriptions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Blog.Web.Data.Configurations;

internal sealed class SubscriberConfiguration : IEntityTypeConfiguration<Subscriber>
{
    public void Configure(EntityTypeBuilder<Subscriber> builder)
    {
        builder.Property(s => s.Email).HasMaxLength(320).IsRequired();
        builder.Property(s => s.NormalizedEmail).HasMaxLength(320).IsRequired();
        builder.HasIndex(s => s.NormalizedEmail).IsUnique();
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.Property(s => s.Token).HasMaxLength(64).IsRequired();
        builder.HasIndex(s => s.Token).IsUnique();

        // A mailing walks the confirmed subscribers of one choice in id order.
        builder.HasIndex(s => new { s.Status, s.Choice, s.Id });
    }
}

internal sealed class MailingConfiguration : IEntityTypeConfiguration<Mailing>
{
    public void Configure(EntityTypeBuilder<Mailing> builder)
    {
        builder.Property(m => m.Key).HasMaxLength(100).IsRequired();
        builder.HasIndex(m => m.Key).IsUnique();
        builder.Property(m => m.SiteOrigin).HasMaxLength(500);
        builder.HasIndex(m => m.State);
        builder.Ignore(m => m.EmailKeyPrefix);
    }
}
