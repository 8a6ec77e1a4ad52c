using Blog.Web.Portability;
using Blog.Web.Portability.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Blog.Web.Data.Configurations;

internal sealed class RedirectConfiguration : IEntityTypeConfiguration<Redirect>
{
    public void Configure(EntityTypeBuilder<Redirect> builder)
    {
        builder.Property(r => r.FromPath).HasMaxLength(Redirect.MaxPathLength).IsRequired().UseCollation("NOCASE");
        builder.Property(r => r.ToPath).HasMaxLength(Redirect.MaxPathLength).IsRequired();
        builder.HasIndex(r => r.FromPath).IsUnique();
    }
}

internal sealed class ImportedItemConfiguration : IEntityTypeConfiguration<ImportedItem>
{
    public void Configure(EntityTypeBuilder<ImportedItem> builder)
    {
        builder.Property(i => i.SourceKey).HasMaxLength(ImportedItem.MaxSourceKeyLength).IsRequired();
        builder.HasIndex(i => i.SourceKey).IsUnique();
        builder.Property(i => i.ContentHash).HasMaxLength(64).IsRequired();
        builder.HasOne<Blog.Web.Posts.Post>().WithMany().HasForeignKey(i => i.PostId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Blog.Web.StaticPages.StaticPage>().WithMany().HasForeignKey(i => i.StaticPageId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ImportRunConfiguration : IEntityTypeConfiguration<ImportRun>
{
    public void Configure(EntityTypeBuilder<ImportRun> builder)
    {
        builder.Property(r => r.FileName).HasMaxLength(300).IsRequired();
        builder.Property(r => r.SourcePath).HasMaxLength(2000);
        builder.Property(r => r.Error).HasMaxLength(2000);
        builder.Property(r => r.LeaseHolder).HasMaxLength(Instances.InstanceIdentity.MaxLength);
        builder.Ignore(r => r.IsFinished);
    }
}
