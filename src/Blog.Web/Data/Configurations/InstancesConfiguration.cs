using Blog.Web.Instances;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Blog.Web.Data.Configurations;

internal sealed class LeaseConfiguration : IEntityTypeConfiguration<Lease>
{
    public void Configure(EntityTypeBuilder<Lease> builder)
    {
        builder.ToTable("Leases");
        builder.HasKey(l => l.Name);
        builder.Property(l => l.Name).HasMaxLength(Lease.MaxNameLength);
        builder.Property(l => l.Holder).HasMaxLength(InstanceIdentity.MaxLength);
    }
}
