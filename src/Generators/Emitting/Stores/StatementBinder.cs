using System;
using System.Collections.Generic;
using System.Linq;
using SecureApi.Generators.Models;

namespace SecureApi.Generators.Emitting.Stores;

/// <summary>Emits the <c>Db.Parameter</c> calls of a statement from its own parameter list, so a method binds exactly what its SQL names.</summary>
internal static class StatementBinder
{
    /// <summary>
    /// Binds <paramref name="statement"/>'s parameters in order (skipping <paramref name="except"/>); <paramref name="value"/> gives
    /// each one's C# expression. The caller's scope is bound the same way everywhere.
    /// </summary>
    public static void Bind(SourceWriter writer, SqlStatement statement, Func<SqlParameter, string> value, IEnumerable<SqlParameter>? except = null)
    {
        var skipped = new HashSet<string>(except?.Select(p => p.Name) ?? []);
        foreach (var parameter in statement.Parameters.Where(p => !skipped.Contains(p.Name)))
        {
            var expression = parameter.Source switch
            {
                ParameterSource.Owner => "caller.Subject",
                ParameterSource.Tenant => TenantOfCaller,
                _ => value(parameter),
            };
            writer.Line($"global::SecureApi.Infrastructure.Db.Parameter(command, {Names.Literal(parameter.Name)}, {expression}, {parameter.DbType});");
        }
    }

    public const string TenantOfCaller = "caller.Tenant ?? throw new global::SecureApi.Data.MissingTenantException()";

    /// <summary>For a statement that takes only the key and the caller's scope.</summary>
    public static Func<SqlParameter, string> KeyOnly(string key) => parameter => parameter.Source == ParameterSource.Key
        ? key
        : throw new InvalidOperationException("Unexpected parameter " + parameter.Name);

    /// <summary>The value written for a client-data column; encrypted columns are encrypted here, bound to their row.</summary>
    public static string WriteValue(ResourceSpec spec, ColumnSpec column, string value, string keyText)
    {
        if (column.Encrypted)
        {
            var owner = spec.Owner is null ? "null" : "caller.Subject";
            return $"{value} is null ? null : encryption.Encrypt({value}, {StoreNames.Rows(spec)}.Aad({Names.Literal(column.Column)}, {owner}, {keyText}))";
        }

        return column.Kind == ColumnKind.Enum ? $"({(column.IsNullable ? "int?" : "int")}){value}" : value;
    }
}
