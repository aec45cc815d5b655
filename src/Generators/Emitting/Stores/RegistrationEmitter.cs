using System.Linq;
using SecureApi.Generators.Models;
using static SecureApi.Generators.Emitting.Stores.StoreNames;

namespace SecureApi.Generators.Emitting.Stores;

/// <summary>Emits the module initializer that adds the resource's table to the schema and its stores to DI.</summary>
internal static class RegistrationEmitter
{
    public static void Emit(SourceWriter writer, ResourceSpec spec, ResourceStatements statements)
    {
        writer.Line($"/// <summary>Adds the <c>{spec.Table}</c> table to the schema and its stores to DI when <c>AddSecureApi</c> runs.</summary>");
        writer.Line(Names.GeneratedCodeAttribute);
        using (writer.Block($"internal static class {spec.TypeName}ResourceRegistration"))
        {
            writer.Line("#pragma warning disable CA2255 // registering generated resources is what module initializers are for");
            writer.Line("[global::System.Runtime.CompilerServices.ModuleInitializer]");
            using (writer.Block("internal static void Register()"))
            {
                writer.Line($"global::SecureApi.Infrastructure.ResourceRegistry.Register(new global::SecureApi.Infrastructure.ResourceRegistration(");
                writer.Indent();
                writer.Line($"{Names.Literal(spec.Table)},");
                foreach (var dialect in SqlDialect.All)
                {
                    writer.Line($"{Sql(spec)}.{dialect.SchemaConstant},");
                }

                writer.Line("static services =>");
                writer.Line("{");
                writer.Indent();
                writer.Line($"global::Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.TryAddSingleton<{spec.StoreName}>(services);");
                writer.Line($"global::Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.TryAddSingleton<{spec.AdminStoreName}>(services);");
                writer.Outdent();
                // Encryption keys are required at start-up only when some resource has [Encrypted] members; the
                // re-encryption job walks those columns in key order and seals them with the stores' associated data.
                writer.Line("})");
                writer.Line("{");
                writer.Indent();
                writer.Line("Schema = Schema(),");
                if (HasEncryptedMembers(spec))
                {
                    writer.Line("HasEncryptedMembers = true,");
                    var owner = spec.Owner is null ? "null" : Names.Literal(spec.Owner.Column);
                    var columns = string.Join(", ", spec.Columns.Where(c => c.Encrypted).Select(c => Names.Literal(c.Column)));
                    writer.Line($"EncryptedColumns = new global::SecureApi.Infrastructure.EncryptedColumns({Names.Literal(spec.Key.Column)}, {owner}, new[] {{ {columns} }}, {Rows(spec)}.Aad),");
                }

                writer.Outdent();
                writer.Line("});");
                writer.Outdent();
            }

            writer.Line("#pragma warning restore CA2255");
            writer.Line();
            DeclaredSchemaEmitter.Emit(writer, spec, statements);
        }
    }

    private static bool HasEncryptedMembers(ResourceSpec spec)
    {
        foreach (var column in spec.Columns)
        {
            if (column.Encrypted)
            {
                return true;
            }
        }

        return false;
    }
}
