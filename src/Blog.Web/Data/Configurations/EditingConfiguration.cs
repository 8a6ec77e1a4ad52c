using Blog.Web.Editing;
using Blog.Web.Writing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Blog.Web.Data.Configurations;

internal sealed class ContentRevisionConfiguration : IEntityTypeConfiguration<ContentRevision>
{
    public void Configure(EntityTypeBuilder<ContentRevision> builder)
    {
        builder.Property(r => r.Title).HasMaxLength(300).IsRequired();
        builder.Property(r => r.Note).HasMaxLength(200).IsRequired();
        builder.HasOne(r => r.Post).WithMany().HasForeignKey(r => r.PostId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(r => r.StaticPage).WithMany().HasForeignKey(r => r.StaticPageId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.PostId, r.Version });
        builder.HasIndex(r => new { r.StaticPageId, r.Version });
    }
}

internal sealed class AutosaveConfiguration : IEntityTypeConfiguration<Autosave>
{
    public void Configure(EntityTypeBuilder<Autosave> builder)
    {
        builder.Property(a => a.Key).HasMaxLength(100).IsRequired();
        builder.HasIndex(a => a.Key).IsUnique();
        builder.Property(a => a.Title).HasMaxLength(300);
    }
}
