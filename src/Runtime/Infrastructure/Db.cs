using System.ComponentModel;
using System.Data;
using System.Data.Common;

namespace SecureApi.Infrastructure;

/// <summary>The few ADO.NET steps every generated statement repeats. Values only ever travel as typed parameters.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Db
{
    public static DbCommand Command(DbConnection connection, string sql, DbTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    /// <summary>Adds a parameter with an explicit type, so NULLs are typed too (PostgreSQL needs that for <c>@p IS NULL</c>).</summary>
    public static void Parameter(DbCommand command, string name, object? value, DbType type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        parameter.Value = value switch
        {
            null => DBNull.Value,
            DateTimeOffset time => time.ToUniversalTime(), // timestamptz takes UTC only; SQLite text then sorts correctly
            _ => value,
        };
        command.Parameters.Add(parameter);
    }

    /// <summary>
    /// Runs a write that returns its row (<c>INSERT … RETURNING</c>) and reads that row. A connection that breaks while
    /// the reader is closed, after the row arrived, cannot make a done write look "not done" (503, and a retry that
    /// duplicates it): PostgreSQL holds a small row in its send buffer until the auto-commit has ended, so a row that
    /// arrived is committed (a rollback or a terminated backend sends an error after it, which still throws), and in an
    /// explicit transaction the commit decides later anyway.
    /// </summary>
    public static async Task<T> WrittenRowAsync<T>(DbCommand command, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        var reader = await command.ExecuteReaderAsync(cancellationToken);
        T row;
        try
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                throw new InvalidOperationException("The write returned no row.");
            }

            row = read(reader);
        }
        catch
        {
            await reader.DisposeAsync();
            throw;
        }

        try
        {
            await reader.DisposeAsync();
        }
        catch (DbException exception) when (IsConnectionFailure(exception))
        {
            // Only the connection broke, after the outcome arrived: the row stands. A server error (a deferred
            // constraint failing at commit, say) still throws: then the write did not happen.
        }

        return row;
    }

    /// <summary>Reads a <see cref="DateTimeOffset"/> from either engine (SQLite keeps text, PostgreSQL timestamptz).</summary>
    public static DateTimeOffset Time(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal).ToUniversalTime();

    private static bool IsConnectionFailure(DbException exception) =>
        SecureApi.Data.DatabaseEngines.IsPostgreSqlSupported && SecureApi.Data.PostgreSqlEngine.IsTransientConnectionFailure(exception);
}
