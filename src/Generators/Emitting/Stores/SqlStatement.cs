using System.Collections.Generic;
using SecureApi.Generators.Models;

namespace SecureApi.Generators.Emitting.Stores;

/// <summary>One SQL constant of a resource: its name in <c>{T}Sql</c>, its text, and the parameters the text names, in order.</summary>
/// <remarks>Both the constant and the code that binds its parameters are emitted from this, so the two cannot drift apart.</remarks>
internal sealed record SqlStatement(string Name, string Text, IReadOnlyList<SqlParameter> Parameters);

/// <summary>Where a parameter's value comes from; the store emitters turn each source into a C# expression.</summary>
internal enum ParameterSource
{
    Key,
    Owner,
    Tenant,
    ExpectedVersion,
    Now,
    Value,
    IsSet,
    Filter,
    AfterKey,
    AfterSort,
    Limit,
}

/// <summary>A statement parameter: its name in the SQL, where its value comes from, the column it concerns, and its <c>DbType</c>.</summary>
/// <remarks>The only place parameter names are spelled.</remarks>
internal sealed record SqlParameter(string Name, ParameterSource Source, ColumnSpec? Column, string DbType)
{
    private const string DbTypes = "global::System.Data.DbType.";

    public static SqlParameter Key(ResourceSpec spec) => new("@key", ParameterSource.Key, spec.Key, DbTypeOf(spec.Key));

    public static SqlParameter Owner => new("@owner", ParameterSource.Owner, null, DbTypes + "String");

    public static SqlParameter Tenant => new("@tenant", ParameterSource.Tenant, null, DbTypes + "String");

    public static SqlParameter ExpectedVersion => new("@expected", ParameterSource.ExpectedVersion, null, DbTypes + "Int64");

    public static SqlParameter Now => new("@now", ParameterSource.Now, null, DbTypes + "DateTimeOffset");

    public static SqlParameter Limit => new("@limit", ParameterSource.Limit, null, DbTypes + "Int32");

    /// <summary>The value written to a column by an insert or update.</summary>
    public static SqlParameter Value(ColumnSpec column) => new("@p_" + column.Column, ParameterSource.Value, column, DbTypeOf(column));

    /// <summary>Whether an update writes the column at all (otherwise it keeps the stored value).</summary>
    public static SqlParameter IsSet(ColumnSpec column) => new("@s_" + column.Column, ParameterSource.IsSet, column, DbTypes + "Boolean");

    public static SqlParameter Filter(ColumnSpec column) => new("@f_" + column.Column, ParameterSource.Filter, column, DbTypeOf(column));

    public static SqlParameter AfterKey(ResourceSpec spec) => new("@after_key", ParameterSource.AfterKey, spec.Key, DbTypeOf(spec.Key));

    public static SqlParameter AfterSort(ColumnSpec sort) => new("@after_sort", ParameterSource.AfterSort, sort, DbTypeOf(sort));

    private static string DbTypeOf(ColumnSpec column) => DbTypes + (column.Encrypted ? "String" : column.Kind switch
    {
        ColumnKind.Enum => "Int32",
        var kind => kind.ToString(),
    });
}
