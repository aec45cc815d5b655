using System.Collections.Generic;
using System.Linq;
using SecureApi.Generators.Models;

namespace SecureApi.Generators.Emitting;

/// <summary>Emits the straight-line body of a handler: bind, read, validate, call, answer.</summary>
internal static class HandlerBodyEmitter
{
    private const string ReturnValidationProblem = """
        if (errors.HasErrors)
        {
            await global::SecureApi.Http.Problems.Validation(errors).ExecuteAsync(httpContext);
            return;
        }
        """;

    public static void Emit(SourceWriter writer, EndpointClassSpec spec, EndpointSpec endpoint)
    {
        var bound = endpoint.Parameters.Where(p => p.Source is ParameterSource.Route or ParameterSource.Query or ParameterSource.Header or ParameterSource.Page).ToList();
        var body = endpoint.Parameters.FirstOrDefault(p => p.Source == ParameterSource.Body);
        if (bound.Count > 0 || body is not null)
        {
            writer.Line($"var errors = new {Names.ValidationErrors}();");
        }

        foreach (var parameter in bound)
        {
            writer.Line($"var {Local(parameter)} = {BindExpression(parameter)};");
        }

        if (bound.Count > 0)
        {
            writer.Lines(ReturnValidationProblem);
        }

        if (body is not null)
        {
            var maxBytes = endpoint.MaxBodyBytes is { } bytes ? bytes + "L" : "null";
            writer.Line();
            writer.Line($"var bodyRead = await global::SecureApi.Http.JsonBody.ReadAsync(httpContext, {Names.JsonContextInstance}.{body.JsonProperty}, maxBytes: {maxBytes});");
            writer.Lines("""
                if (bodyRead.Problem is { } bodyProblem)
                {
                    await bodyProblem.ExecuteAsync(httpContext);
                    return;
                }

                """);
            writer.Line($"var {Local(body)} = bodyRead.Value!;");
            writer.Line($"{Names.ValidatorsType}.Validate({Local(body)}, errors);");
            writer.Lines(ReturnValidationProblem);
        }

        if (bound.Count > 0 || body is not null)
        {
            writer.Line();
        }

        foreach (var parameter in endpoint.Parameters.Where(p => p.Source is ParameterSource.Caller or ParameterSource.Service))
        {
            writer.Line($"var {Local(parameter)} = {ResolveExpression(parameter)};");
        }

        var target = endpoint.IsStatic ? spec.FullyQualifiedName : "endpoint";
        if (!endpoint.IsStatic)
        {
            var services = spec.ConstructorParameterTypes.Select(t => $"global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<{t}>(httpContext.RequestServices)");
            writer.Line($"var endpoint = new {spec.FullyQualifiedName}({string.Join(", ", services)});");
            if (spec.Endpoints.Any(e => e.Crud is not null))
            {
                writer.Line("endpoint._secureApiHttpContext = httpContext;");
            }
        }

        var call = $"{target}.{endpoint.MethodName}({string.Join(", ", endpoint.Parameters.Select(Argument))})";
        if (endpoint.Return.IsAwaitable)
        {
            call = "await " + call;
        }

        if (endpoint.Crud?.Kind == CrudKind.Create)
        {
            var key = endpoint.Crud.Resource.Key.PropertyName;
            writer.Line($"var result = {call};");
            writer.Line($"await {Names.Responses}.CreatedAtAsync(httpContext, result.{key}.ToString(), result, {Names.JsonContextInstance}.{endpoint.Return.JsonProperty});");
            return;
        }

        EmitResponse(writer, endpoint.Return, call);
    }

    private static void EmitResponse(SourceWriter writer, ReturnSpec result, string call)
    {
        switch (result.Kind)
        {
            case ReturnKind.NoContent:
                writer.Line(call + ";");
                writer.Line($"await {Names.Responses}.NoContentAsync(httpContext);");
                break;
            case ReturnKind.Found:
                writer.Line($"var found = {call};");
                writer.Line($"await (found ? {Names.Responses}.NoContentAsync(httpContext) : {Names.Responses}.NotFoundAsync(httpContext));");
                break;
            case ReturnKind.Created:
                writer.Line($"var result = {call};");
                writer.Line($"await {Names.Responses}.CreatedAsync(httpContext, result.Location, result.Value!, {Names.JsonContextInstance}.{result.JsonProperty});");
                break;
            case ReturnKind.Result:
                writer.Line($"var result = {call};");
                writer.Line($"await (result is null ? {Names.Responses}.NotFoundAsync(httpContext) : result.ExecuteAsync(httpContext));");
                break;
            default:
                writer.Line($"var result = {call};");
                if (result.CanBeNull)
                {
                    writer.Lines($$"""
                        if (result is null)
                        {
                            await {{Names.Responses}}.NotFoundAsync(httpContext);
                            return;
                        }

                        """);
                }

                writer.Line($"await {Names.Responses}.JsonAsync(httpContext, result, {Names.JsonContextInstance}.{result.JsonProperty});");
                break;
        }
    }

    private static string BindExpression(ParameterSpec parameter)
    {
        if (parameter.Source == ParameterSource.Page)
        {
            return $"{Names.Binding}.Page(httpContext, errors)";
        }

        var name = Names.Literal(parameter.BindingName);
        var underlying = parameter.TypeName.TrimEnd('?');
        if (parameter.Source == ParameterSource.Route)
        {
            return parameter.BindKind == BindKind.Enum
                ? $"{Names.Binding}.RouteEnum<{underlying}>(httpContext, {name}, errors).GetValueOrDefault()"
                : $"{Names.Binding}.Route<{underlying}>(httpContext, {name}, errors){(parameter.IsValueType ? "" : "!")}";
        }

        var required = parameter.IsRequired ? "true" : "false";
        if (parameter.Source == ParameterSource.Header)
        {
            return parameter.BindKind == BindKind.NullableParsable
                ? $"{Names.Binding}.NullableHeader<{underlying}>(httpContext, {name}, errors)"
                : $"{Names.Binding}.Header<{underlying}>(httpContext, {name}, errors, required: {required}{(parameter.DefaultValue is { } value ? ", fallback: " + value : "")}){(parameter.IsRequired && !parameter.IsValueType ? "!" : "")}";
        }

        return parameter.BindKind switch
        {
            BindKind.NullableParsable => $"{Names.Binding}.NullableQuery<{underlying}>(httpContext, {name}, errors)",
            BindKind.NullableEnum => $"{Names.Binding}.QueryEnum<{underlying}>(httpContext, {name}, errors, required: false)",
            BindKind.Enum => $"{Names.Binding}.QueryEnum<{underlying}>(httpContext, {name}, errors, required: {required}) ?? {parameter.DefaultValue ?? "default"}",
            _ when parameter.DefaultValue is { } fallback => $"{Names.Binding}.Query<{underlying}>(httpContext, {name}, errors, required: false, fallback: {fallback})",
            _ when parameter.IsRequired => $"{Names.Binding}.Query<{underlying}>(httpContext, {name}, errors, required: true){(parameter.IsValueType ? "" : "!")}",
            _ => $"{Names.Binding}.Query<{underlying}>(httpContext, {name}, errors, required: false)",
        };
    }

    private static string ResolveExpression(ParameterSpec parameter) => parameter.Source switch
    {
        ParameterSource.Caller => parameter.IsRequired ? "global::SecureApi.Caller.From(httpContext)" : "global::SecureApi.Caller.Find(httpContext)",
        _ => $"global::Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<{parameter.TypeName}>(httpContext.RequestServices)",
    };

    private static string Argument(ParameterSpec parameter) => parameter.Source switch
    {
        ParameterSource.CancellationToken => "httpContext.RequestAborted",
        ParameterSource.HttpContext => "httpContext",
        _ => Local(parameter),
    };

    /// <summary>Locals are the parameter names, escaped so that keywords (<c>@class</c>) stay valid.</summary>
    private static string Local(ParameterSpec parameter) =>
        Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(parameter.Name) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None
            ? "@" + parameter.Name
            : ReservedLocals.Contains(parameter.Name) ? parameter.Name + "Parameter" : parameter.Name;

    private static readonly HashSet<string> ReservedLocals = ["httpContext", "started", "errors", "bodyRead", "bodyProblem", "endpoint", "result", "found", "exception"];
}
