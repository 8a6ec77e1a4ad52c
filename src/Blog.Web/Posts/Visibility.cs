using System.Globalization;
using System.Linq.Expressions;

namespace Blog.Web.Posts;

/// <summary>
/// The one rule for what readers may see: published or scheduled (not a draft), not in the trash, and due. Queries use
/// it through <see cref="ContentQueries.VisibleAt{T}"/>; SQL written by hand (the search's FTS queries, the partial
/// index of listed rows) is built from <see cref="ListedSqlFilter"/> and <see cref="SqlFilterAt"/>, and checked against it by <c>VisibilityRuleTests</c>.
/// </summary>
public static class Visibility
{
    /// <summary>
    /// The rule's time-independent part, in SQL: the filter of each content table's partial index of listed rows. A
    /// query that applies <see cref="At{T}"/> can read that index.
    /// </summary>
    public const string ListedSqlFilter = "\"Status\" <> 0 AND \"DeletedAtUtc\" IS NULL";

    /// <summary>
    /// The whole rule in SQL, for a query written by hand (the search's): <see cref="ListedSqlFilter"/> and due, the
    /// time being the query's format item <paramref name="timeItem"/> (<c>{1}</c> for 1), passed as a parameter. The
    /// columns are unqualified: the query's other tables must not have columns of these names.
    /// </summary>
    public static string SqlFilterAt(int timeItem) =>
        string.Create(CultureInfo.InvariantCulture, $"{ListedSqlFilter} AND \"PublishedAtUtc\" <= {{{timeItem}}}");

    /// <summary>Visible to readers at <paramref name="nowUtc"/>.</summary>
    public static Expression<Func<T, bool>> At<T>(DateTime nowUtc)
        where T : PublishableContent =>
        c => c.Status != PublishStatus.Draft && c.DeletedAtUtc == null && c.PublishedAtUtc <= nowUtc;

    /// <summary>
    /// The same rule with the time as an expression: a compiled query's own parameter, where the query is written as an
    /// expression and cannot call <see cref="At{T}(DateTime)"/> (see <see cref="ContentQueries.InlineVisibility{TDelegate}"/>).
    /// </summary>
    internal static LambdaExpression At(Type contentType, Expression nowUtc)
    {
        var rule = (LambdaExpression)typeof(Visibility).GetMethod(nameof(At), [typeof(DateTime)])!
            .MakeGenericMethod(contentType).Invoke(null, [DateTime.MinValue])!;
        return Expression.Lambda(new CapturedTimeReplacer(nowUtc).Visit(rule.Body), rule.Parameters);
    }

    /// <summary>Replaces the closure's read of the captured time (the rule's only captured value) by another expression.</summary>
    private sealed class CapturedTimeReplacer(Expression nowUtc) : ExpressionVisitor
    {
        protected override Expression VisitMember(MemberExpression node) =>
            node.Expression is ConstantExpression && node.Type == typeof(DateTime) ? nowUtc : base.VisitMember(node);
    }

    /// <summary>Listed, but not yet due at <paramref name="nowUtc"/>: what will become visible later.</summary>
    public static Expression<Func<T, bool>> ScheduledAfter<T>(DateTime nowUtc)
        where T : PublishableContent =>
        c => c.Status != PublishStatus.Draft && c.DeletedAtUtc == null && c.PublishedAtUtc > nowUtc;
}
