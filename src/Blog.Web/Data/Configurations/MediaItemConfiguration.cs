using Blog.Web.Media;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Blog.Web.Data.Configurations;

internal sealed class MediaItemConfiguration : IEntityTypeConfiguration<MediaItem>
{
    public void Configure(EntityTypeBuilder<MediaItem> builder)
    {
        builder.ToTable("MediaItems");
        builder.Property(m => m.FileName).HasMaxLength(260);
        builder.Property(m => m.Format).HasMaxLength(10);
        builder.Property(m => m.AltText).HasMaxLength(MediaItem.MaxAltLength);
        builder.Property(m => m.Caption).HasMaxLength(MediaItem.MaxCaptionLength);
        builder.HasIndex(m => m.UploadedAtUtc);
        builder.ComplexProperty(m => m.Camera, camera =>
        {
            camera.Property(c => c.Camera).HasMaxLength(CameraDetails.MaxTextLength);
            camera.Property(c => c.Lens).HasMaxLength(CameraDetails.MaxTextLength);
            camera.Ignore(c => c.Summary);
            camera.Ignore(c => c.IsEmpty);
        });
        builder.Ignore(m => m.Responsive);
        builder.HasMany(m => m.Variants)
            .WithOne()
            .HasForeignKey(v => v.MediaItemId)
            .OnDelete(DeleteBehavior.Cascade);
    }
}
