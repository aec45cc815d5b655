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

    /// <summary>Reads a <see cref="DateTimeOffset"/> from either engine (SQLite keeps text, PostgreSQL timestamptz).</summary>
    public static DateTimeOffset Time(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal).ToUniversalTime();
}
