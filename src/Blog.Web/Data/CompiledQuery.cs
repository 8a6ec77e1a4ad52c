using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Blog.Web.Data;

/// <summary>
/// A query compiled once (<see cref="EF.CompileAsyncQuery{TContext, TResult}(System.Linq.Expressions.Expression{Func{TContext, DbSet{TResult}}})"/>)
/// for each model it runs with: EF Core binds a compiled query to the first model it meets and refuses any other, and
/// one process can hold both providers' models (the copy to PostgreSQL, the tests).
/// </summary>
public sealed class CompiledQuery<TDelegate>(Func<TDelegate> compile)
    where TDelegate : class
{
    private readonly ConditionalWeakTable<IModel, TDelegate> compiled = [];

    public TDelegate For(DbContext db) =>
        compiled.TryGetValue(db.Model, out var query) ? query : compiled.GetValue(db.Model, _ => compile());
}
