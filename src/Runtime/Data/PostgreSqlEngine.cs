using System.Data.Common;
using Npgsql;

namespace SecureApi.Data;

/// <summary>
/// Everything that names an Npgsql type. Called only behind <see cref="DatabaseEngines.IsPostgreSqlSupported"/>, so a
/// build that leaves PostgreSQL out trims this class and Npgsql away.
/// </summary>
internal static class PostgreSqlEngine
{
    public static DbDataSource CreateDataSource(string connectionString) => NpgsqlDataSource.Create(connectionString);

    /// <summary>The server unreachable, the pool exhausted, a connection broken: worth retrying later.</summary>
    public static bool IsTransient(Exception exception) => exception is NpgsqlException { IsTransient: true };

    /// <summary>A transient failure of the connection itself, not an error the server answered with.</summary>
    public static bool IsTransientConnectionFailure(Exception exception) => exception is NpgsqlException { IsTransient: true } and not PostgresException;

    /// <summary>A broken connection (not an answer from the server).</summary>
    public static bool IsConnectionFailure(Exception exception) => exception is NpgsqlException and not PostgresException;

    public static bool IsUniqueViolation(Exception exception) => exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    /// <summary>22021: text PostgreSQL cannot store (U+0000).</summary>
    public static bool IsUnstorableText(Exception exception) => exception is PostgresException { SqlState: "22021" };
}
