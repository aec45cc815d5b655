using System.Globalization;
using System.Linq;
using SecureApi.Generators.Models;

namespace SecureApi.Generators.Emitting.Stores;

/// <summary>
/// Emits the resource's declared schema as plain data (table, columns with their types per engine, indexes,
/// hand-written steps): what the schema migration compares with the database catalog, with no reflection at run time.
/// </summary>
internal static class DeclaredSchemaEmitter
{
    private const string Migrations = "global::SecureApi.Data.Migrations.";

    public static void Emit(SourceWriter writer, ResourceSpec spec, ResourceStatements statements)
    {
        writer.Line($"/// <summary>The declared <c>{spec.Table}</c> table, compared with the database by the schema migration.</summary>");
        using (writer.Block($"private static {Migrations}ResourceSchema Schema() => new()", ";"))
        {
            writer.Line($"Resource = {Names.Literal(spec.TypeName)},");
            writer.Line($"Table = {Names.Literal(spec.Table)},");
            using (List(writer, "Columns"))
            {
                foreach (var column in statements.TableColumns)
                {
                    writer.Line(Column(spec, column) + ",");
                }
            }

            using (List(writer, "Indexes"))
            {
                foreach (var (name, columns) in statements.Indexes)
                {
                    writer.Line($"new() {{ Name = {Names.Literal(name)}, Columns = [{string.Join(", ", columns.Select(Names.Literal))}] }},");
                }
            }

            if (spec.MigrationSteps.Count > 0)
            {
                using (List(writer, "Steps"))
                {
                    foreach (var step in spec.MigrationSteps)
                    {
                        var member = step.Member is null ? "" : $", Member = {Names.Literal(step.Member)}";
                        var table = step.Table is null ? "" : $", Table = {Names.Literal(step.Table)}";
                        writer.Line($"new() {{ Id = {Names.Literal(step.Id)}, Sqlite = {Names.Literal(step.Sqlite)}, PostgreSql = {Names.Literal(step.PostgreSql)}{member}{table} }},");
                    }
                }
            }
        }
    }

    /// <summary>A collection expression over several lines: <c>Name =</c>, <c>[</c>, the items, <c>],</c>.</summary>
    private static Closing List(SourceWriter writer, string property)
    {
        writer.Line(property + " =").Line("[").Indent();
        return new Closing(writer);
    }

    private sealed class Closing(SourceWriter writer) : System.IDisposable
    {
        public void Dispose() => writer.Outdent().Line("],");
    }

    private static string Column(ResourceSpec spec, ColumnSpec column)
    {
        var identity = column.Role == ColumnRole.Key && spec.SequentialKey;
        var parts = new System.Collections.Generic.List<string>
        {
            $"Name = {Names.Literal(column.Column)}",
            $"Member = {Names.Literal(column.PropertyName)}",
            $"Kind = {Names.Literal(column.Encrypted ? "EncryptedString" : column.Kind.ToString())}",
            $"SqliteType = {Names.Literal(identity ? "INTEGER" : SqlDialect.Sqlite.DeclaredType(column))}",
            $"PostgreSqlType = {Names.Literal(identity ? "bigint" : SqlDialect.PostgreSql.DeclaredType(column))}",
        };
        if (column.IsNullable)
        {
            parts.Add("Nullable = true");
        }

        if (column.Role == ColumnRole.Key)
        {
            parts.Add("Key = true");
        }

        if (identity)
        {
            parts.Add("Identity = true");
        }

        if (column.Encrypted)
        {
            parts.Add("Encrypted = true");
        }

        if (column.MaxLength is { } length)
        {
            parts.Add("MaxLength = " + length.ToString(CultureInfo.InvariantCulture));
        }

        if (column.DefaultSql is { } fallback)
        {
            parts.Add($"DefaultSql = {Names.Literal(fallback)}");
        }

        if (column.RenamedFrom is { } previous)
        {
            parts.Add($"RenamedFrom = {Names.Literal(previous)}");
        }

        if (column.Retired)
        {
            parts.Add("Retired = true");
        }

        return "new() { " + string.Join(", ", parts) + " }";
    }
}
