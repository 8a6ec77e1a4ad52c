using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Blog.Web.Data.Migrations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Internal;

namespace Blog.Web.Data;

#pragma warning disable EF1001 // MigrationsAssembly is EF Core's internal API: extended, not copied, so only the lookup changes.

/// <summary>
/// Finds the SQLite migrations by reading the names in their namespace from the assembly's metadata, then loading only
/// those types. EF Core's own lookup loads every type of the app to find them, on every start (the check for a pending
/// migration reads the list): about 35 ms of CPU, and the assemblies of every base type, Markdig's among them, before
/// any reader asked for anything. The result is the same list (<c>SqliteMigrationsAssemblyTests</c> compare the two);
/// when the metadata cannot be read (no file on disk), EF Core's lookup is used.
/// </summary>
internal sealed class SqliteMigrationsAssembly(
    ICurrentDbContext currentContext,
    IDbContextOptions options,
    IMigrationsIdGenerator idGenerator,
    IDiagnosticsLogger<DbLoggerCategory.Migrations> logger)
    : MigrationsAssembly(currentContext, options, idGenerator, logger)
{
    private readonly Type contextType = currentContext.Context.GetType();
    private IReadOnlyDictionary<string, TypeInfo>? migrations;

    public override IReadOnlyDictionary<string, TypeInfo> Migrations => migrations ??= FromMetadata() ?? base.Migrations;

    private SortedList<string, TypeInfo>? FromMetadata()
    {
        var location = Assembly.Location;
        if (string.IsNullOrEmpty(location) || !File.Exists(location))
        {
            return null;
        }

        // The SQLite migrations' namespace only: PostgreSQL's live in a namespace of their own, for their own context.
        var space = typeof(BlogDbContextModelSnapshot).Namespace!;
        var names = new List<string>();
        using (var file = File.OpenRead(location))
        using (var pe = new PEReader(file))
        {
            var metadata = pe.GetMetadataReader();
            foreach (var handle in metadata.TypeDefinitions)
            {
                var definition = metadata.GetTypeDefinition(handle);
                if (definition.GetDeclaringType().IsNil && metadata.StringComparer.Equals(definition.Namespace, space))
                {
                    names.Add($"{space}.{metadata.GetString(definition.Name)}");
                }
            }
        }

        // As EF Core decides: a migration of this context, with its id.
        var found = new SortedList<string, TypeInfo>();
        foreach (var name in names)
        {
            var type = Assembly.GetType(name, throwOnError: false)?.GetTypeInfo();
            if (type is { IsAbstract: false, IsGenericTypeDefinition: false } && type.IsSubclassOf(typeof(Migration))
                && type.GetCustomAttribute<DbContextAttribute>()?.ContextType == contextType
                && type.GetCustomAttribute<MigrationAttribute>()?.Id is { } id)
            {
                found.Add(id, type);
            }
        }

        return found;
    }
}
