using System.Linq;
using SecureApi.Generators.Models;

namespace SecureApi.Generators.Emitting.Stores;

/// <summary>Emits <c>{T}Sql</c>: every statement of the resource as a compile-time constant a reviewer can read.</summary>
internal static class SqlClassEmitter
{
    public static void Emit(SourceWriter writer, ResourceSpec spec, ResourceStatements statements)
    {
        writer.Line($"/// <summary>The SQL of <see cref=\"{spec.TypeName}\"/>: compile-time constants; values travel only as parameters.</summary>");
        writer.Line(Names.GeneratedCodeAttribute);
        using (writer.Block($"internal static class {StoreNames.Sql(spec)}"))
        {
            foreach (var schema in statements.Schemas)
            {
                Constant(writer, schema);
                writer.Line();
            }

            writer.Line("// The statements below are written in the SQL that SQLite and PostgreSQL share.");
            var first = true;
            foreach (var statement in statements.All.Where(s => !statements.Schemas.Contains(s)))
            {
                if (!first)
                {
                    writer.Line();
                }

                Constant(writer, statement);
                first = false;
            }
        }
    }

    private static void Constant(SourceWriter writer, SqlStatement statement)
    {
        writer.Line($"public const string {statement.Name} = \"\"\"");
        writer.Indent();
        writer.Lines(statement.Text);
        writer.Line("\"\"\";");
        writer.Outdent();
    }
}
