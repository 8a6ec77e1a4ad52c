using Blog.Web.Media;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Blog.Web.Data.Configurations;

internal sealed class MediaBlobConfiguration : IEntityTypeConfiguration<MediaBlob>
{
    public void Configure(EntityTypeBuilder<MediaBlob> builder)
    {
        // An INTEGER PRIMARY KEY is SQLite's rowid, which is what SqliteBlob opens a blob by.
        builder.ToTable("MediaBlobs");
        builder.HasKey(b => b.VariantId);
        builder.Property(b => b.VariantId).ValueGeneratedNever();
        builder.Property(b => b.Data).IsRequired();
    }
}
