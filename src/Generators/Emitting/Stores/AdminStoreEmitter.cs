using SecureApi.Generators.Models;
using static SecureApi.Generators.Emitting.Stores.StoreNames;

namespace SecureApi.Generators.Emitting.Stores;

/// <summary>Emits <c>{T}AdminStore</c>: unscoped find, list and delete, for endpoints that require a role.</summary>
internal static class AdminStoreEmitter
{
    public static void Emit(SourceWriter writer, ResourceSpec spec, ResourceStatements sql)
    {
        writer.Line("/// <summary>");
        writer.Line($"/// Unscoped access to every <see cref=\"{spec.TypeName}\"/> row, for administration. SecureApi refuses (SAPI011) an endpoint");
        writer.Line("/// that uses it without requiring a role. Encrypted members are never decrypted here.");
        writer.Line("/// </summary>");
        writer.Line(Names.GeneratedCodeAttribute);
        using (writer.Block($"public sealed class {spec.AdminStoreName}({Data}.SecureApiDatabase database, {Data}.CursorProtector cursors, {AuditParameter})"))
        {
            ListEmitter.EmitAllowLists(writer, spec);
            FindEmitter.Emit(writer, spec, sql, scoped: false);

            writer.Line();
            ListEmitter.Emit(writer, spec, sql, scoped: false);
            writer.Line();
            DeleteEmitter.Emit(writer, spec, sql, scoped: false);
        }
    }
}
