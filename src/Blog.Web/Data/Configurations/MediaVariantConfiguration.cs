using Blog.Web.Media;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Blog.Web.Data.Configurations;

internal sealed class MediaVariantConfiguration : IEntityTypeConfiguration<MediaVariant>
{
    public void Configure(EntityTypeBuilder<MediaVariant> builder)
    {
        builder.ToTable("MediaVariants");
        builder.Property(v => v.Name).HasMaxLength(20);
        builder.Property(v => v.Extension).HasMaxLength(10);
        builder.Property(v => v.ContentType).HasMaxLength(50);
        builder.Property(v => v.ETag).HasMaxLength(80);

        // The serving endpoint's lookup: /media/{id}/{name}.{extension}.
        builder.HasIndex(v => new { v.MediaItemId, v.Name, v.Extension }).IsUnique();

        // Deleting a variant (or its photo, by cascade) deletes its bytes in the database itself.
        builder.HasOne<MediaBlob>()
            .WithOne()
            .HasForeignKey<MediaBlob>(b => b.VariantId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
