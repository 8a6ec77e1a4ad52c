using Blog.Web.Comments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Blog.Web.Data.Configurations;

internal sealed class CommentConfiguration : IEntityTypeConfiguration<Comment>
{
    public void Configure(EntityTypeBuilder<Comment> builder)
    {
        builder.Property(c => c.AuthorName).HasMaxLength(300).IsRequired();
        builder.Property(c => c.AuthorEmail).HasMaxLength(300).UseCollation("NOCASE");
        builder.Property(c => c.AuthorUrl).HasMaxLength(2000);
        builder.Property(c => c.Text).HasColumnName("Content").IsRequired();
        builder.Property(c => c.Html).IsRequired().HasDefaultValue("");
        builder.Property(c => c.IpHash).HasMaxLength(64);
        builder.Property(c => c.UserAgent).HasMaxLength(300);
        builder.Property(c => c.OriginalId).HasMaxLength(100);
        builder.HasOne(c => c.Post).WithMany().HasForeignKey(c => c.PostId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(c => c.Parent).WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.SetNull);
        builder.Property(c => c.SourceUrl).HasMaxLength(Comment.MaxSourceUrlLength);
        builder.HasIndex(c => new { c.PostId, c.OriginalId });
        builder.HasIndex(c => new { c.PostId, c.SourceUrl }).IsUnique().HasFilter("\"SourceUrl\" IS NOT NULL");
        builder.HasIndex(c => new { c.PostId, c.Status, c.CreatedAtUtc });
        builder.HasIndex(c => new { c.Status, c.CreatedAtUtc });
        builder.HasIndex(c => new { c.IpHash, c.CreatedAtUtc });
        builder.HasIndex(c => c.AuthorEmail);
    }
}

internal sealed class CommentSettingsConfiguration : IEntityTypeConfiguration<CommentSettings>
{
    public void Configure(EntityTypeBuilder<CommentSettings> builder)
    {
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.BlockedWords).HasMaxLength(20_000);
        builder.Property(s => s.AkismetKey).HasMaxLength(100);
        builder.Property(s => s.AddressKey).HasMaxLength(100).IsRequired();
        builder.Ignore(s => s.BlockedWordList);
    }
}
