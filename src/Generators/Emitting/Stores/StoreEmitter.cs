using SecureApi.Generators.Models;

namespace SecureApi.Generators.Emitting.Stores;

/// <summary>
/// Emits one file per resource: its SQL constants, the caller-scoped <c>{T}Store</c>, the role-gated <c>{T}AdminStore</c>,
/// the row mapping they share, and the registration that adds them to DI and their tables to the schema.
/// </summary>
internal static class StoreEmitter
{
    public static string HintName(ResourceSpec spec) =>
        (spec.Namespace.Length == 0 ? "" : spec.Namespace + ".") + spec.TypeName + ".Store.g.cs";

    public static string Emit(ResourceSpec spec)
    {
        var statements = new ResourceStatements(spec);
        var writer = new SourceWriter();
        writer.Lines(SourceWriter.Header).Line();
        TrimSuppressions.Emit(
            writer,
            spec.TrimSuppressions,
            """
            // [MaxLength], [MinLength] and [Length] on a resource document its limits; nothing in SecureApi calls their
            // reflection-based IsValid (request types are validated by generated code), so the trim warning does not apply.
            """,
            "Not validated by reflection in SecureApi.");
        if (spec.Namespace.Length > 0)
        {
            writer.Line($"namespace {spec.Namespace};").Line();
        }

        SqlClassEmitter.Emit(writer, spec, statements);
        writer.Line();
        ScopedStoreEmitter.Emit(writer, spec, statements);
        writer.Line();
        AdminStoreEmitter.Emit(writer, spec, statements);
        writer.Line();
        RowsEmitter.Emit(writer, spec);
        writer.Line();
        RegistrationEmitter.Emit(writer, spec, statements);
        return writer.ToString();
    }
}
