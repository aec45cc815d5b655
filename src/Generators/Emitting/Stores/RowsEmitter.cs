using System.Linq;
using SecureApi.Generators.Models;

namespace SecureApi.Generators.Emitting.Stores;

/// <summary>Emits the row mapping of a resource: reading a row by ordinal and the values written for a column.</summary>
internal static class RowsEmitter
{
    public static void Emit(SourceWriter writer, ResourceSpec spec)
    {
        writer.Line($"/// <summary>Maps <c>{spec.Table}</c> rows to <see cref=\"{spec.TypeName}\"/>, column by ordinal, no reflection.</summary>");
        writer.Line(Names.GeneratedCodeAttribute);
        using (writer.Block($"internal static class {StoreNames.Rows(spec)}"))
        {
            writer.Line("/// <summary>Reads the current row; encrypted members are decrypted only when <paramref name=\"encryption\"/> is given (the owner's store).</summary>");
            using (writer.Block($"public static {spec.FullyQualifiedName} Read(global::System.Data.Common.DbDataReader reader, global::SecureApi.Data.FieldEncryption? encryption)"))
            {
                // Plain columns first: decrypting needs the row's key and owner.
                foreach (var encrypted in new[] { false, true })
                {
                    for (var i = 0; i < spec.Columns.Count; i++)
                    {
                        var column = spec.Columns[i];
                        if (column.Encrypted == encrypted)
                        {
                            writer.Line($"var {Local(column)} = {ReadExpression(spec, column, i)};");
                        }
                    }
                }

                var constructorArgs = spec.ConstructorParameters
                    .Select(p => spec.Columns.FirstOrDefault(c => string.Equals(c.PropertyName, p, System.StringComparison.OrdinalIgnoreCase)))
                    .Select(c => c is null ? "default!" : Local(c));
                var initialized = spec.Columns.Where(c => !spec.ConstructorParameters.Any(p => string.Equals(p, c.PropertyName, System.StringComparison.OrdinalIgnoreCase)))
                    .Select(c => $"{c.PropertyName} = {Local(c)}").ToList();
                var initializer = initialized.Count == 0 ? ";" : " { " + string.Join(", ", initialized) + " };";
                writer.Line($"return new {spec.FullyQualifiedName}({string.Join(", ", constructorArgs)}){initializer}");
            }

            writer.Line();
            writer.Line("/// <summary>Associated data for an encrypted value: table, column, owner and key, so a ciphertext only decrypts in its own row.</summary>");
            writer.Line($"public static string Aad(string column, string? owner, string key) => string.Concat({Names.Literal(spec.Table + ".")}, column, \":\", owner, \":\", key);");
        }
    }

    private static string ReadExpression(ResourceSpec spec, ColumnSpec column, int ordinal)
    {
        if (column.Encrypted)
        {
            var owner = spec.Owner is null ? "null" : Local(spec.Owner);
            var key = spec.SequentialKey ? "\"\"" : Local(spec.Key) + ".ToString()";
            // DecryptStored, not Decrypt: while the column converts from plaintext, a row not yet converted may hold it.
            return $"encryption is null || reader.IsDBNull({ordinal}) ? null : encryption.DecryptStored(reader.GetString({ordinal}), Aad({Names.Literal(column.Column)}, {owner}, {key}), {Names.Literal(spec.Table)}, {Names.Literal(column.Column)})";
        }

        var type = column.UnderlyingTypeName;
        var read = column.Kind switch
        {
            ColumnKind.Guid => $"reader.GetFieldValue<global::System.Guid>({ordinal})",
            ColumnKind.String => $"reader.GetString({ordinal})",
            ColumnKind.Int32 => $"reader.GetInt32({ordinal})",
            ColumnKind.Int64 => $"reader.GetInt64({ordinal})",
            ColumnKind.Boolean => $"reader.GetBoolean({ordinal})",
            ColumnKind.Double => $"reader.GetDouble({ordinal})",
            ColumnKind.Decimal => $"reader.GetDecimal({ordinal})",
            ColumnKind.DateTimeOffset => $"global::SecureApi.Infrastructure.Db.Time(reader, {ordinal})",
            _ => $"({type})reader.GetInt32({ordinal})",
        };
        if (!column.IsNullable)
        {
            return read;
        }

        var nullValue = column.Kind == ColumnKind.String ? "null" : $"({type}?)null";
        return $"reader.IsDBNull({ordinal}) ? {nullValue} : {read}";
    }

    private static string Local(ColumnSpec column) => column.JsonName + "Value";
}
