using SecureApi.Generators.Models;

namespace SecureApi.Generators.Emitting;

/// <summary>
/// Writes the schema snapshot's text: pretty-printed, every field of every column in a fixed order, tables and columns
/// in ordinal order, so a schema change is a small, readable diff in review, and the same schema is always the same text.
/// </summary>
internal static class SchemaSnapshotWriter
{
    public const string About = "The schema of every [Resource], written by SecureApi (dotnet run -- schema --output secureapi.schema.json). Commit it; do not edit it by hand.";

    public static string Write(SchemaSpec schema, int version)
    {
        var json = new JsonText().BeginObject();
        json.String("about", About).Number("version", version);
        json.BeginArray("resources");
        foreach (var table in schema.Tables)
        {
            json.BeginObject().String("resource", table.Resource).String("table", table.Table);
            json.BeginArray("columns");
            foreach (var column in table.Columns)
            {
                json.BeginObject()
                    .String("name", column.Name)
                    .String("member", column.Member)
                    .String("kind", column.Kind)
                    .Bool("nullable", column.Nullable)
                    .Bool("key", column.Key)
                    .Bool("encrypted", column.Encrypted)
                    .Number("maxLength", column.MaxLength)
                    .Bool("sortable", column.Sortable)
                    .Bool("filterable", column.Filterable)
                    .Bool("retired", column.Retired)
                    .String("renamedFrom", column.RenamedFrom)
                    .EndObject();
            }

            json.EndArray().EndObject();
        }

        json.EndArray();
        return json.EndObject() + "\n";
    }
}
