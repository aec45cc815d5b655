namespace SecureApi.Generators.Emitting;

/// <summary>
/// Emits the schema snapshot's text into the assembly (a generator cannot write files): the service's <c>schema</c>
/// command writes it to <c>secureapi.schema.json</c>, or checks the checked-in file against it.
/// </summary>
internal static class SchemaSnapshotEmitter
{
    public const string HintName = "SecureApiSchemaSnapshot.g.cs";

    public static string Emit(string snapshotJson)
    {
        var writer = new SourceWriter();
        writer.Lines(SourceWriter.Header).Line();
        writer.Line($"namespace {Names.GeneratedNamespace};").Line();
        writer.Line("/// <summary>The declared schema as <c>secureapi.schema.json</c> records it (<c>dotnet &lt;app&gt;.dll schema --output secureapi.schema.json</c> writes it).</summary>");
        writer.Line(Names.GeneratedCodeAttribute);
        using (writer.Block("internal static class SecureApiSchemaSnapshot"))
        {
            // A verbatim literal keeps the JSON readable here; its lines are not re-indented.
            writer.Line("public const string Json = @\"" + snapshotJson.Replace("\"", "\"\"") + "\";").Line();
            writer.Line("#pragma warning disable CA2255 // registering generated metadata is what module initializers are for");
            writer.Line("[global::System.Runtime.CompilerServices.ModuleInitializer]");
            writer.Line("internal static void Register() => global::SecureApi.Infrastructure.SchemaSnapshotRegistry.Register(Json);");
            writer.Line("#pragma warning restore CA2255");
        }

        return writer.ToString();
    }
}
