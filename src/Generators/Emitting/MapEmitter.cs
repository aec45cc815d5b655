using System.Collections.Generic;
using System.Linq;
using SecureApi.Generators.Models;

namespace SecureApi.Generators.Emitting;

/// <summary>Emits <c>MapSecureApi()</c>, which maps every endpoint class of the assembly.</summary>
internal static class MapEmitter
{
    public const string HintName = "SecureApiEndpointRouteBuilderExtensions.g.cs";

    public static string Emit(IReadOnlyList<string> endpointClasses)
    {
        var writer = new SourceWriter();
        writer.Lines(SourceWriter.Header).Line();
        writer.Line("namespace Microsoft.AspNetCore.Builder;").Line();
        writer.Line(Names.GeneratedCodeAttribute);
        using (writer.Block("internal static class SecureApiEndpointRouteBuilderExtensions"))
        {
            writer.Line("/// <summary>Maps every endpoint declared with <c>[Endpoints]</c> in this assembly.</summary>");
            using (writer.Block("public static global::Microsoft.AspNetCore.Routing.IEndpointRouteBuilder MapSecureApi(this global::Microsoft.AspNetCore.Routing.IEndpointRouteBuilder endpoints)"))
            {
                foreach (var endpointClass in endpointClasses)
                {
                    writer.Line($"{endpointClass}.MapSecureApiEndpoints(endpoints);");
                }

                writer.Line("return endpoints;");
            }

            writer.Line();
            writer.Line("/// <summary>Lets a command map the endpoints without the host (the <c>openapi</c> command writes the document at build time).</summary>");
            writer.Line("#pragma warning disable CA2255 // registering generated code is what module initializers are for");
            writer.Line("[global::System.Runtime.CompilerServices.ModuleInitializer]");
            writer.Line("internal static void RegisterMap() => global::SecureApi.Infrastructure.EndpointMaps.Register(static endpoints => MapSecureApi(endpoints));");
            writer.Line("#pragma warning restore CA2255");
        }

        return writer.ToString();
    }
}
