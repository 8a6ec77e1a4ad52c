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

    /// <summary>Listed, but not yet due at <paramref name="nowUtc"/>: what will become visible later.</summary>
    public static Expression<Func<T, bool>> ScheduledAfter<T>(DateTime nowUtc)
        where T : PublishableContent =>
        c => c.Status != PublishStatus.Draft && c.DeletedAtUtc == null && c.PublishedAtUtc > nowUtc;
}
