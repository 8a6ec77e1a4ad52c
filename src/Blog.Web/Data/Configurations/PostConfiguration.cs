using Blog.Web.Posts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Blog.Web.Data.Configurations;

internal sealed class PostConfiguration : IEntityTypeConfiguration<Post>
{
    public void Configure(EntityTypeBuilder<Post> builder)
    {
        builder.ConfigureContent();
        builder.Property(p => p.Excerpt).HasMaxLength(1000);
        builder.Property(p => p.CoverImageUrl).HasMaxLength(2000);
        builder.Property(p => p.CoverImageAlt).HasMaxLength(500);
        builder.Ignore(p => p.Summary);

        builder.HasOne(p => p.Category)
            .WithMany(c => c.Posts)
            .HasForeignKey(p => p.CategoryId)
            .OnDelete(DeleteBehavior.SetNull);

        // (TagsId, PostsId): a tag's latest posts come straight off the index, in order, however many it has.
        builder.HasMany(p => p.Tags)
            .WithMany(t => t.Posts)
            .UsingEntity(PostTags.Table, join => join.HasIndex(PostTags.TagId, PostTags.PostId));
    }
}
