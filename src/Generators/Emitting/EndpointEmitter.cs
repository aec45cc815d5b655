using System.Linq;
using SecureApi.Generators.Models;

namespace SecureApi.Generators.Emitting;

/// <summary>
/// Emits one file per endpoint class: its mapping method, one handler per endpoint (binding, validation, the call and the
/// result — the runtime pipeline owns the frame around it), and the bodies of its generated operations.
/// </summary>
internal static class EndpointEmitter
{
    public static string HintName(EndpointClassSpec spec) =>
        (spec.Namespace.Length == 0 ? "" : spec.Namespace + ".") + spec.TypeName + ".Endpoints.g.cs";

    public static string Emit(EndpointClassSpec spec)
    {
        var writer = new SourceWriter();
        writer.Lines(SourceWriter.Header).Line();
        if (spec.Namespace.Length > 0)
        {
            writer.Line($"namespace {spec.Namespace};").Line();
        }

        using (writer.Block($"partial {spec.TypeKeyword} {spec.TypeName}"))
        {
            var operations = OperationClass.Of(spec);
            if (operations is not null)
            {
                CrudEmitter.EmitConstructor(writer, spec, operations);
                writer.Line();
            }

            EmitMap(writer, spec);
            foreach (var endpoint in spec.Endpoints)
            {
                writer.Line();
                HandlerEmitter.Emit(writer, spec, endpoint, operations);
            }

            foreach (var endpoint in spec.Endpoints.Where(e => e.Crud is not null))
            {
                writer.Line();
                CrudEmitter.Emit(writer, endpoint.Crud!, operations!);
            }
        }

        return writer.ToString();
    }

    private static void EmitMap(SourceWriter writer, EndpointClassSpec spec)
    {
        writer.Line($"/// <summary>Maps the endpoints declared on <see cref=\"{spec.TypeName}\"/>; called by the generated <c>MapSecureApi</c>.</summary>");
        writer.Line(Names.GeneratedCodeAttribute);
        using (writer.Block("internal static void MapSecureApiEndpoints(global::Microsoft.AspNetCore.Routing.IEndpointRouteBuilder endpoints)"))
        {
            var types = spec.JsonTypes.ToDictionary(t => t.TypeName, System.StringComparer.Ordinal);
            foreach (var endpoint in spec.Endpoints)
            {
                using (writer.Block("global::SecureApi.Infrastructure.EndpointMapping.Map(endpoints, new global::SecureApi.Infrastructure.EndpointDefinition", ");"))
                {
                    writer.Line($"Method = {Names.Literal(endpoint.HttpMethod)},");
                    writer.Line($"Route = {Names.Literal(endpoint.Route)},");
                    writer.Line($"Name = {Names.Literal(endpoint.Name)},");
                    writer.Line($"Tag = {Names.Literal(endpoint.Tag)},");
                    if (endpoint.AllowAnonymous)
                    {
                        writer.Line("AllowAnonymous = true,");
                    }

                    if (endpoint.RoleSets.Count > 0)
                    {
                        writer.Line($"RoleSets = [{string.Join(", ", endpoint.RoleSets.Select(Names.Literal))}],");
                    }

                    if (endpoint.ScopeSets.Count > 0)
                    {
                        writer.Line($"ScopeSets = [{string.Join(", ", endpoint.ScopeSets.Select(Names.Literal))}],");
                    }

                    if (endpoint.ClientKinds.Count > 0)
                    {
                        writer.Line($"ClientKinds = [{string.Join(", ", endpoint.ClientKinds.Select(kind => "global::SecureApi.ClientKind." + kind))}],");
                    }

                    if (endpoint.Policies.Count > 0)
                    {
                        writer.Line($"Policies = [{string.Join(", ", endpoint.Policies.Select(Names.Literal))}],");
                    }

                    if (endpoint.RateLimitPolicy is { } policy)
                    {
                        writer.Line($"RateLimitPolicy = {Names.Literal(policy)},");
                    }

                    if (endpoint.DisableRateLimiting)
                    {
                        writer.Line("DisableRateLimiting = true,");
                    }

                    var query = endpoint.Parameters.Where(p => p.Source == ParameterSource.Query).Select(p => Names.Literal(p.BindingName)).ToList();
                    if (query.Count > 0)
                    {
                        writer.Line($"QueryParameters = [{string.Join(", ", query)}],");
                    }

                    if (endpoint.Parameters.Any(p => p.Source == ParameterSource.Page))
                    {
                        writer.Line("AcceptsPageQuery = true,");
                    }

                    if (endpoint.AllowUnknownQuery)
                    {
                        writer.Line("AllowUnknownQuery = true,");
                    }

                    if (endpoint.ExemptFromLoadShedding)
                    {
                        writer.Line("ExemptFromLoadShedding = true,");
                    }

                    if (endpoint.Parameters.FirstOrDefault(p => p.Source == ParameterSource.Body) is { } body)
                    {
                        writer.Line($"RequestType = typeof({body.TypeName}),");
                    }

                    var (status, responseType) = SuccessOf(endpoint);
                    writer.Line($"SuccessStatusCode = {status},");
                    if (responseType is not null)
                    {
                        writer.Line($"ResponseType = typeof({responseType}),");
                    }

                    writer.Line($"Handler = Handle{endpoint.MethodName}Async,");
                    OperationDescriptionEmitter.Emit(writer, spec, endpoint, types);
                }
            }
        }
    }

    private static (int Status, string? ResponseType) SuccessOf(EndpointSpec endpoint) => endpoint.Return switch
    {
        _ when endpoint.Crud?.Kind == CrudKind.Create => (201, endpoint.Return.UnderlyingValueType),
        { Kind: ReturnKind.Json } result => (200, result.UnderlyingValueType),
        { Kind: ReturnKind.Created } result => (201, result.ValueType),
        { Kind: ReturnKind.Result } => (200, null),
        _ => (204, null),
    };
}
