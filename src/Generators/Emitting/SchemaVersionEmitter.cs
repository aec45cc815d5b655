using System.Globalization;

namespace SecureApi.Generators.Emitting;

/// <summary>
/// Emits the schema version the service is compiled with (the checked-in snapshot's <c>version</c>) and hands it to the
/// runtime, which refuses to start against a database a newer version has already migrated.
/// </summary>
internal static class SchemaVersionEmitter
{
    public const string HintName = "SecureApiSchemaVersion.g.cs";

    public static string Emit(int version)
    {
        var writer = new SourceWriter();
        writer.Lines(SourceWriter.Header).Line();
        writer.Line($"namespace {Names.GeneratedNamespace};").Line();
        writer.Line("/// <summary>The <c>version</c> of the <c>secureapi.schema.json</c> this service was compiled with.</summary>");
        writer.Line(Names.GeneratedCodeAttribute);
        using (writer.Block("internal static class SecureApiSchemaVersion"))
        {
            writer.Line("public const int Value = " + version.ToString(CultureInfo.InvariantCulture) + ";").Line();
            writer.Line("#pragma warning disable CA2255 // registering generated metadata is what module initializers are for");
            writer.Line("[global::System.Runtime.CompilerServices.ModuleInitializer]");
            writer.Line("internal static void Register() => global::SecureApi.Infrastructure.ResourceRegistry.SchemaVersion = Value;");
            writer.Line("#pragma warning restore CA2255");
        }

        return writer.ToString();
    }
}
