using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Blog.Web.Data;

/// <summary>What a failed save means, read from the database's own error codes rather than from message text.</summary>
public static class DatabaseErrors
{
    private const int Constraint = 19;            // SQLITE_CONSTRAINT
    private const int ConstraintUnique = 2067;    // SQLITE_CONSTRAINT_UNIQUE
    private const int ConstraintPrimaryKey = 1555; // SQLITE_CONSTRAINT_PRIMARYKEY

    /// <summary>The save broke a unique index (or primary key): another writer got there first with the same key.</summary>
    public static bool IsUniqueViolation(this DbUpdateException error) => error.InnerException switch
    {
        SqliteException { SqliteErrorCode: Constraint } sqlite => sqlite.SqliteExtendedErrorCode is ConstraintUnique or ConstraintPrimaryKey,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
