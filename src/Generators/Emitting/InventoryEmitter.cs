namespace SecureApi.Generators.Emitting;

/// <summary>
/// Emits the security inventory into the assembly (a generator cannot write files): the JSON as a constant, handed to
/// the runtime by a module initializer so the service's <c>inventory</c> command can write it out without starting.
/// </summary>
internal static class InventoryEmitter
{
    public const string HintName = "SecureApiInventory.g.cs";

    public static string Emit(string inventoryJson)
    {
        var writer = new SourceWriter();
        writer.Lines(SourceWriter.Header).Line();
        writer.Line($"namespace {Names.GeneratedNamespace};").Line();
        writer.Line("/// <summary>Every endpoint of this assembly with what protects it, as JSON (<c>dotnet &lt;app&gt;.dll inventory</c> writes it out).</summary>");
        writer.Line(Names.GeneratedCodeAttribute);
        using (writer.Block("internal static class SecureApiInventory"))
        {
            writer.Line("public const string Json = " + Verbatim(inventoryJson) + ";").Line();
            writer.Line("#pragma warning disable CA2255 // registering generated metadata is what module initializers are for");
            writer.Line("[global::System.Runtime.CompilerServices.ModuleInitializer]");
            writer.Line("internal static void Register() => global::SecureApi.Infrastructure.SecurityInventoryRegistry.Register(Json);");
            writer.Line("#pragma warning restore CA2255");
        }

        return writer.ToString();
    }

    /// <summary>A verbatim literal keeps the JSON readable in the generated file; its lines are not re-indented.</summary>
    private static string Verbatim(string text) => "@\"" + text.Replace("\"", "\"\"") + "\"";
}
