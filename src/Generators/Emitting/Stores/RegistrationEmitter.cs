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
                // Encryption keys are required at start-up only when some resource has [Encrypted] members.
                writer.Line(HasEncryptedMembers(spec) ? "}) { HasEncryptedMembers = true, Schema = Schema() });" : "}) { Schema = Schema() });");
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
