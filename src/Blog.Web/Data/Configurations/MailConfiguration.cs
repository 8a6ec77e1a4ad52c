using Blog.Web.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Blog.Web.Data.Configurations;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("OutboxMessages");

        // Enqueuing the same email twice is a no-op: the key says what the email is for, once.
        builder.HasIndex(m => m.IdempotencyKey).IsUnique();
        builder.Property(m => m.IdempotencyKey).HasMaxLength(OutboxMessage.MaxKeyLength).IsRequired();
        builder.Property(m => m.Purpose).HasMaxLength(100).IsRequired();
        builder.Property(m => m.ToAddress).HasMaxLength(320).IsRequired();
        builder.Property(m => m.ToName).HasMaxLength(200);
        builder.Property(m => m.Subject).HasMaxLength(1000).IsRequired();
        builder.Property(m => m.ClaimToken).HasMaxLength(32);
        builder.Property(m => m.LastError).HasMaxLength(1000);
        builder.Property(m => m.ServerResponse).HasMaxLength(1000);
        builder.Ignore(m => m.IsPermanentRefusal);

        // The worker's claim: due emails by status and time; the outbox page: the newest first.
        builder.HasIndex(m => new { m.Status, m.NextAttemptAt });
        builder.HasIndex(m => m.CreatedAt);
    }
}

internal sealed class MailSettingsConfiguration : IEntityTypeConfiguration<MailSettings>
{
    public void Configure(EntityTypeBuilder<MailSettings> builder)
    {
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Host).HasMaxLength(255);
        builder.Property(s => s.UserName).HasMaxLength(255);
        builder.Property(s => s.FromAddress).HasMaxLength(320);
        builder.Property(s => s.FromName).HasMaxLength(200);
    }
}
