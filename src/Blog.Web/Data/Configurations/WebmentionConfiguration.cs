using Blog.Web.Webmentions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Blog.Web.Data.Configurations;

internal sealed class ReceivedWebmentionConfiguration : IEntityTypeConfiguration<ReceivedWebmention>
{
    public void Configure(EntityTypeBuilder<ReceivedWebmention> builder)
    {
        builder.Property(w => w.Source).HasMaxLength(2000).IsRequired();
        builder.Property(w => w.Target).HasMaxLength(2000).IsRequired();
        builder.Property(w => w.IpHash).HasMaxLength(64);
        builder.Property(w => w.ClaimToken).HasMaxLength(32);
        builder.Property(w => w.Outcome).HasMaxLength(500);
        builder.HasOne<Posts.Post>().WithMany().HasForeignKey(w => w.PostId).OnDelete(DeleteBehavior.Cascade);

        // The worker's claim, the per-address limit, and the queue bound.
        builder.HasIndex(w => new { w.State, w.NextAttemptAt });
        builder.HasIndex(w => new { w.IpHash, w.ReceivedAtUtc });
        builder.HasIndex(w => new { w.Source, w.Target });
    }
}

internal sealed class OutgoingWebmentionConfiguration : IEntityTypeConfiguration<OutgoingWebmention>
{
    public void Configure(EntityTypeBuilder<OutgoingWebmention> builder)
    {
        builder.Property(w => w.Source).HasMaxLength(2000).IsRequired();
        builder.Property(w => w.Target).HasMaxLength(2000).IsRequired();
        builder.Property(w => w.ContentVersion).HasMaxLength(64).IsRequired();
        builder.Property(w => w.ClaimToken).HasMaxLength(32);
        builder.Property(w => w.Endpoint).HasMaxLength(2000);
        builder.Property(w => w.Outcome).HasMaxLength(500);
        builder.HasOne<Posts.Post>().WithMany().HasForeignKey(w => w.PostId).OnDelete(DeleteBehavior.Cascade);

        // Queuing the same post text twice is a no-op.
        builder.HasIndex(w => new { w.PostId, w.Target, w.ContentVersion }).IsUnique();
        builder.HasIndex(w => new { w.State, w.NextAttemptAt });
    }
}
