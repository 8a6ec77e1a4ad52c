using System.Globalization;
using Blog.Web.Data;
using Blog.Web.Data.CompiledModel;
using Blog.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Blog.Web.Tests.Data;

/// <summary>
/// The app starts on a model compiled ahead of time (src/Blog.Web/Data/CompiledModel); an entity or configuration
/// changed without regenerating it would be read and written with the old shape. These tests compare it with the model
/// EF Core builds from the configurations, as the design-time tools and migrations do.
/// </summary>
public sealed class CompiledModelTests
{
    private const string Regenerate = "bash src/Blog.Web/Data/CompiledModel/regenerate.sh";

    [Fact]
    public void The_compiled_model_matches_the_model_built_from_the_entity_configurations()
    {
        using var compiled = Context(options => options.UseCompiledSqliteModel());
        using var built = Context(_ => { });

        var differences = ModelShape.Differences(compiled, built);

        Assert.True(differences.Count == 0,
            $"The compiled EF Core model is stale: run `{Regenerate}` and commit the result. What differs (- compiled, + entity configurations):"
            + Environment.NewLine + string.Join(Environment.NewLine, differences.Take(40)));
    }

    [Fact]
    public void The_comparison_sees_a_changed_column_a_new_property_and_a_new_index()
    {
        using var before = new Probe(changed: false);
        using var after = new Probe(changed: true);

        var differences = ModelShape.Differences(before, after);

        Assert.Contains(differences, d => d.Contains("Note.Title", StringComparison.Ordinal) && d.Contains("200", StringComparison.Ordinal));
        Assert.Contains(differences, d => d.StartsWith("+ property Note.Pinned", StringComparison.Ordinal));
        Assert.Contains(differences, d => d.StartsWith("+ index Note(Title)", StringComparison.Ordinal));
        Assert.Contains(differences, d => d.StartsWith("+ schema: column Note.Pinned INTEGER", StringComparison.Ordinal));
        Assert.Contains(differences, d => d.StartsWith("+ schema: index IX_Note_Title", StringComparison.Ordinal));
        using var same = new Probe(changed: false);
        Assert.Empty(ModelShape.Differences(before, same));
    }

    [Fact]
    public async Task The_app_reads_with_the_compiled_model()
    {
        using var app = new BlogFactory();

        var modelType = await app.WithDbAsync((db, _) => Task.FromResult(db.Model.GetType()));

        Assert.Equal(typeof(BlogDbContextModel), modelType);
    }

    private static BlogDbContext Context(Action<DbContextOptionsBuilder> configure)
    {
        var options = new DbContextOptionsBuilder<BlogDbContext>().UseSqlite("Data Source=:memory:");
        configure(options);
        return new BlogDbContext(options.Options);
    }

    /// <summary>A one-entity context for checking that the comparison notices what a stale model would miss.</summary>
    private sealed class Probe(bool changed) : DbContext
    {
        public bool Changed => changed;

        protected override void OnConfiguring(DbContextOptionsBuilder options) =>
            options.UseSqlite("Data Source=:memory:").ReplaceService<IModelCacheKeyFactory, ProbeCacheKey>();

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            var note = modelBuilder.Entity<Note>();
            note.Property(n => n.Title).HasMaxLength(changed ? 200 : 100);
            if (changed)
            {
                note.HasIndex(n => n.Title);
            }
            else
            {
                note.Ignore(n => n.Pinned);
            }
        }

        private sealed class ProbeCacheKey : IModelCacheKeyFactory
        {
            public object Create(DbContext context, bool designTime) => (((Probe)context).Changed, designTime);
        }
    }

    private sealed class Note
    {
        public int Id { get; set; }

        public string Title { get; set; } = "";

        public bool Pinned { get; set; }
    }
}

/// <summary>What a model means for the database and for the objects read from it, as lines that can be compared.</summary>
internal static class ModelShape
{
    /// <summary>"- line" for what only <paramref name="old"/> has, "+ line" for what only <paramref name="current"/> has.</summary>
    public static List<string> Differences(DbContext old, DbContext current)
    {
        var before = Describe(old.Model).Concat(Schema(old.Model.GetRelationalModel())).ToList();
        var after = Describe(current.Model).Concat(Schema(current.Model.GetRelationalModel())).ToList();
        return [.. before.Except(after).Select(l => "- " + l), .. after.Except(before).Select(l => "+ " + l)];
    }

    /// <summary>
    /// The database as both models map it: tables, columns and their types, keys, indexes, foreign keys. (The
    /// migrations' differ would say it too, but it needs a design-time model, which a compiled model is not.)
    /// </summary>
    private static IEnumerable<string> Schema(IRelationalModel model)
    {
        foreach (var table in model.Tables)
        {
            yield return $"schema: table {table.Name}";
            foreach (var column in table.Columns)
            {
                yield return $"schema: column {table.Name}.{column.Name} {column.StoreType} null {column.IsNullable}";
            }

            foreach (var constraint in table.UniqueConstraints)
            {
                yield return $"schema: unique {constraint.Name} ({Columns(constraint.Columns)}) primary {constraint.GetIsPrimaryKey()}";
            }

            foreach (var index in table.Indexes)
            {
                yield return $"schema: index {index.Name} on {table.Name}({Columns(index.Columns)}) unique {index.IsUnique}";
            }

            foreach (var foreignKey in table.ForeignKeyConstraints)
            {
                yield return $"schema: foreign key {foreignKey.Name} {table.Name}({Columns(foreignKey.Columns)}) -> "
                    + $"{foreignKey.PrincipalTable.Name}({Columns(foreignKey.PrincipalColumns)}) on delete {foreignKey.OnDeleteAction}";
            }
        }
    }

    private static string Columns(IEnumerable<IColumn> columns) => string.Join(", ", columns.Select(c => c.Name));

    private static List<string> Describe(IModel model)
    {
        var lines = new List<string>();
        foreach (var entity in model.GetEntityTypes().OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            var name = entity.DisplayName();
            var table = StoreObjectIdentifier.Create(entity, StoreObjectType.Table);
            lines.Add($"entity {name} ({entity.ClrType.FullName}) table {entity.GetTableName()}");
            foreach (var property in entity.GetProperties())
            {
                var column = table is { } t ? property.GetColumnName(t) : null;
                var mapping = property.FindRelationalTypeMapping();
                var converter = (property.GetValueConverter() ?? mapping?.Converter)?.GetType().Name;
                var columnShape = Invariant($"column {column} {mapping?.StoreType} null {property.IsNullable} max {property.GetMaxLength()} unicode {property.IsUnicode()}");
                lines.Add($"property {name}.{property.Name}: {property.ClrType.Name} {columnShape} converter {converter} "
                    + $"generated {property.ValueGenerated} concurrency {property.IsConcurrencyToken} shadow {property.IsShadowProperty()}");
            }

            foreach (var key in entity.GetKeys())
            {
                lines.Add($"key {name}({Names(key.Properties)}) primary {key.IsPrimaryKey()}");
            }

            foreach (var index in entity.GetIndexes())
            {
                lines.Add($"index {name}({Names(index.Properties)}) unique {index.IsUnique} name {index.GetDatabaseName()}");
            }

            foreach (var foreignKey in entity.GetForeignKeys())
            {
                lines.Add($"foreign key {name}({Names(foreignKey.Properties)}) -> {foreignKey.PrincipalEntityType.DisplayName()}"
                    + $"({Names(foreignKey.PrincipalKey.Properties)}) on delete {foreignKey.DeleteBehavior} required {foreignKey.IsRequired}");
            }

            foreach (var navigation in entity.GetNavigations())
            {
                lines.Add($"navigation {name}.{navigation.Name} -> {navigation.TargetEntityType.DisplayName()} collection {navigation.IsCollection}");
            }

            foreach (var navigation in entity.GetSkipNavigations())
            {
                lines.Add($"navigation {name}.{navigation.Name} -> {navigation.TargetEntityType.DisplayName()} through {navigation.JoinEntityType.DisplayName()}");
            }
        }

        return lines;
    }

    private static string Names(IEnumerable<IReadOnlyProperty> properties) => string.Join(", ", properties.Select(p => p.Name));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
