using System.Linq;
using SecureApi.Generators.Models;

namespace SecureApi.Generators.Emitting;

/// <summary>Emits one file per endpoint class: its mapping method and one complete request handler per endpoint.</summary>
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
            if (spec.Endpoints.Any(e => e.Crud is not null))
            {
                CrudEmitter.EmitContextMember(writer);
                writer.Line();
            }

            EmitMap(writer, spec);
            foreach (var endpoint in spec.Endpoints)
            {
                writer.Line();
                EmitHandler(writer, spec, endpoint);
            }

            foreach (var endpoint in spec.Endpoints.Where(e => e.Crud is not null))
            {
                writer.Line();
                CrudEmitter.Emit(writer, endpoint, endpoint.Crud!);
            }
        }

        return writer.ToString();
    }

    private static void EmitMap(SourceWriter writer, EndpointClassSpec spec)
    {
        writer.Line($"/// <summary>Maps the endpoints declared on <see cref=\"{spec.TypeName}\"/>; called by the generated <c>MapSecureApi</c>.</summary>");
        using (writer.Block("internal static void MapSecureApiEndpoints(global::Microsoft.AspNetCore.Routing.IEndpointRouteBuilder endpoints)"))
        {
            foreach (var endpoint in spec.Endpoints)
            {
                using (writer.Block("global::SecureApi.Http.EndpointMapping.Map(endpoints, new global::SecureApi.Http.EndpointDefinition", ");"))
                {
                    writer.Line($"Method = {Names.Literal(endpoint.HttpMethod)},");
                    writer.Line($"Route = {Names.Literal(endpoint.Route)},");
                    writer.Line($"Name = {Names.Literal(endpoint.Name)},");
                    writer.Line($"Tag = {Names.Literal(endpoint.Tag)},");
                    writer.Line($"AllowAnonymous = {(endpoint.AllowAnonymous ? "true" : "false")},");
                    if (endpoint.RoleSets.Count > 0)
                    {
                        writer.Line($"RoleSets = [{string.Join(", ", endpoint.RoleSets.Select(Names.Literal))}],");
                    }

                    if (endpoint.Policies.Count > 0)
                    {
                        writer.Line($"Policies = [{string.Join(", ", endpoint.Policies.Select(Names.Literal))}],");
                    }

                    if (endpoint.RateLimitPolicy is { } policy)
                    {
                        writer.Line($"RateLimitPolicy = {Names.Literal(policy)},");
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
                }
            }
        }
    }

    private static (int Status, string? ResponseType) SuccessOf(EndpointSpec endpoint) => endpoint.Return switch
    {
        _ when endpoint.Crud?.Kind == CrudKind.Create => (201, endpoint.Return.ValueType!.TrimEnd('?')),
        var result => SuccessOf(result),
    };

    private static (int Status, string? ResponseType) SuccessOf(ReturnSpec result) => result.Kind switch
    {
        ReturnKind.Json => (200, result.ValueType!.TrimEnd('?')),
        ReturnKind.Created => (201, result.ValueType),
        ReturnKind.Result => (200, null),
        _ => (204, null),
    };

    private static void EmitHandler(SourceWriter writer, EndpointClassSpec spec, EndpointSpec endpoint)
    {
        writer.Line($"/// <summary>{endpoint.HttpMethod} {endpoint.Route}: binds, validates and calls <see cref=\"{endpoint.MethodName}\"/>.</summary>");
        using (writer.Block($"private static async {Names.Task} Handle{endpoint.MethodName}Async({Names.HttpContext} httpContext)"))
        {
            writer.Line("var started = global::System.Diagnostics.Stopwatch.GetTimestamp();");
            using (writer.Block("try"))
            {
                HandlerBodyEmitter.Emit(writer, spec, endpoint);
            }

            writer.Lines($$"""
                catch (global::System.OperationCanceledException) when (httpContext.RequestAborted.IsCancellationRequested)
                {
                    // The client went away: there is no one left to answer.
                }
                catch (global::System.Exception exception)
                {
                    await global::SecureApi.Http.EndpointFailures.HandleAsync(httpContext, exception);
                }
                finally
                {
                    global::SecureApi.Logging.RequestLog.Completed(httpContext, started);
                }
                """);
        }
    }
}
