using System.Collections.Generic;
using System.Linq;
using SecureApi.Generators.Models;

namespace SecureApi.Generators.Emitting;

/// <summary>
/// Emits one endpoint's handler as straight-line code: bind, read, validate, admit, call, answer. Timing, exceptions,
/// observers and the request log are the runtime pipeline's (<c>EndpointPipeline</c>), written once.
/// </summary>
internal static class HandlerEmitter
{
    private const string ReturnValidationProblem = $$"""
        if (errors is not null)
        {
            await {{Names.Problems}}.Validation(errors).ExecuteAsync(httpContext);
            return;
        }
        """;

    public static void Emit(SourceWriter writer, EndpointClassSpec spec, EndpointSpec endpoint, OperationClass? operations)
    {
        writer.Line($"/// <summary>{endpoint.HttpMethod} {endpoint.Route}: binds, validates and calls <see cref=\"{endpoint.MethodName}\"/>.</summary>");
        writer.Line(Names.GeneratedCodeAttribute);
        using (writer.Block($"private static async {Names.Task} Handle{endpoint.MethodName}Async({Names.EndpointRequest} request)"))
        {
            writer.Line("var httpContext = request.HttpContext;");
            EmitBinding(writer, endpoint);
            EmitBody(writer, endpoint);
            var body = endpoint.Parameters.FirstOrDefault(p => p.Source == ParameterSource.Body);
            using (writer.Block(body is null ? "if (!await request.AdmitAsync())" : $"if (!await request.AdmitAsync({Local(body)}, {Names.JsonContextInstance}.{body.JsonProperty}))"))
            {
                writer.Line("return; // a guard refused, and answered");
            }

            writer.Line();
            foreach (var parameter in endpoint.Parameters.Where(p => p.Source is ParameterSource.Caller or ParameterSource.Service))
            {
                writer.Line($"var {Local(parameter)} = {ResolveExpression(parameter)};");
            }

            var target = endpoint.IsStatic ? spec.FullyQualifiedName : "endpoint";
            if (!endpoint.IsStatic)
            {
                writer.Line($"var endpoint = new {spec.FullyQualifiedName}({string.Join(", ", ConstructorArguments(spec, endpoint, operations))});");
            }

            var call = $"{target}.{endpoint.MethodName}({string.Join(", ", endpoint.Parameters.Select(Argument))})";
            EmitResult(writer, endpoint, endpoint.Return.IsAwaitable ? "await " + call : call);
        }
    }

    private static void EmitBinding(SourceWriter writer, EndpointSpec endpoint)
    {
        var bound = endpoint.Parameters.Where(p => p.Source is ParameterSource.Route or ParameterSource.Query or ParameterSource.Header or ParameterSource.Page).ToList();
        var body = endpoint.Parameters.FirstOrDefault(p => p.Source == ParameterSource.Body);
        if (bound.Count == 0 && body is null)
        {
            return;
        }

        writer.Line($"{Names.ValidationErrors}? errors = null; // created on the first error");
        foreach (var parameter in bound)
        {
            writer.Line($"var {Local(parameter)} = {BindExpression(parameter)};");
        }

        var idempotent = IsIdempotentCreate(endpoint);
        if (idempotent)
        {
            writer.Line($"var {IdempotencyKey} = {Names.Binding}.IdempotencyKey(httpContext, ref errors); // a retry with the same key returns the first result");
        }

        if (bound.Count > 0 || idempotent)
        {
            writer.Lines(ReturnValidationProblem);
        }

        writer.Line();
    }

    private static void EmitBody(SourceWriter writer, EndpointSpec endpoint)
    {
        if (endpoint.Parameters.FirstOrDefault(p => p.Source == ParameterSource.Body) is not { } body)
        {
            return;
        }

        var maxBytes = endpoint.MaxBodyBytes is { } bytes ? bytes + "L" : "null";
        var fingerprint = IsIdempotentCreate(endpoint) ? $", fingerprint: {IdempotencyKey} is not null" : "";
        writer.Line($"var bodyRead = await global::SecureApi.Infrastructure.JsonBody.ReadAsync(httpContext, {Names.JsonContextInstance}.{body.JsonProperty}, maxBytes: {maxBytes}{fingerprint});");
        writer.Lines("""
            if (bodyRead.Problem is { } bodyProblem)
            {
                await bodyProblem.ExecuteAsync(httpContext);
                return;
            }

            """);
        writer.Line($"var {Local(body)} = bodyRead.Value!;");
        writer.Line($"{Names.ValidatorsType}.Validate({Local(body)}, ref errors);");
        writer.Lines(ReturnValidationProblem);
        writer.Line();
        EmitScreen(writer, endpoint, Local(body));
    }

    /// <summary>Valid, but not yet trusted: <c>[UntrustedText]</c> members are screened before anything stores or forwards them.</summary>
    private static void EmitScreen(SourceWriter writer, EndpointSpec endpoint, string body)
    {
        var members = UntrustedMembers(endpoint);
        if (members.Count == 0)
        {
            return;
        }

        writer.Line($"var screen = {Names.UntrustedTextScreen}.For(httpContext); // free text a model may read later: screened before it is stored");
        foreach (var member in members)
        {
            var mode = member.Mode == UntrustedTextModeSpec.Quarantine ? "Quarantine" : "Reject";
            writer.Line($"screen.Add({Names.Literal(member.JsonName)}, {body}.{member.Member}, global::SecureApi.UntrustedTextMode.{mode});");
        }

        writer.Lines("""
            if (await screen.RefuseAsync())
            {
                return; // 422 names the member and the rule, never the text
            }

            """);
    }

    /// <summary>
    /// The body's own <c>[UntrustedText]</c> members, and for a generated write the request members that set a resource
    /// member declared <c>[UntrustedText]</c>; where both declare one, reject wins over quarantine.
    /// </summary>
    internal static List<UntrustedMemberSpec> UntrustedMembers(EndpointSpec endpoint)
    {
        var fromResource = endpoint.Crud is { } crud
            ? crud.Assignments
                .Select(a => (Assignment: a, Column: crud.Resource.Columns.First(c => c.PropertyName == a.ResourceMember)))
                .Where(x => x.Column.UntrustedText != UntrustedTextModeSpec.None)
                .Select(x => new UntrustedMemberSpec(x.Assignment.RequestMember, x.Column.JsonName, x.Column.UntrustedText))
            : [];
        return endpoint.UntrustedText.Concat(fromResource)
            .GroupBy(m => m.Member, System.StringComparer.Ordinal)
            .Select(g => g.FirstOrDefault(m => m.Mode == UntrustedTextModeSpec.Reject) ?? g.First())
            .ToList();
    }

    /// <summary>
    /// The class's own constructor dependencies from DI; a class with generated operations also gets its stores and the
    /// request (for a generated create, carrying its <c>Idempotency-Key</c> bound to the body's fingerprint).
    /// </summary>
    private static IEnumerable<string> ConstructorArguments(EndpointClassSpec spec, EndpointSpec endpoint, OperationClass? operations)
    {
        var services = spec.ConstructorParameterTypes.Select(Service);
        var request = IsIdempotentCreate(endpoint) ? $"request.WithIdempotencyKey({IdempotencyKey}, bodyRead.Fingerprint)" : "request";
        return operations is null
            ? services
            : services.Concat(operations.Stores.Where(s => !s.FromConstructor).Select(s => Service(s.StoreType))).Concat([request]);
    }

    /// <summary>A generated create accepts an <c>Idempotency-Key</c>; its store records the key with the row.</summary>
    private static bool IsIdempotentCreate(EndpointSpec endpoint) => endpoint.Crud?.Kind == CrudKind.Create;

    private const string IdempotencyKey = "idempotencyKey";

    private static string Service(string type) => $"{Names.GetService}<{type}>(httpContext.RequestServices)";

    private static void EmitResult(SourceWriter writer, EndpointSpec endpoint, string call)
    {
        // A generated operation returning one versioned resource answers with its ETag.
        var version = endpoint.Crud is { Kind: not CrudKind.List } crud ? crud.Resource.Version?.PropertyName : null;
        switch (endpoint.Return.Kind)
        {
            case ReturnKind.NoContent:
                writer.Line(call + ";");
                writer.Line($"await {Names.Responses}.NoContentAsync(httpContext);");
                return;
            case ReturnKind.Found:
                writer.Line($"var found = {call};");
                writer.Line($"await (found ? {Names.Responses}.NoContentAsync(httpContext) : {Names.Responses}.NotFoundAsync(httpContext));");
                return;
            case ReturnKind.Created:
                writer.Line($"var result = {call};");
                writer.Line($"await {Names.Responses}.{Filtered(endpoint, "CreatedAsync")}(httpContext, result.Location, result.Value!, {Names.JsonContextInstance}.{endpoint.Return.JsonProperty});");
                return;
        }

        writer.Line($"var result = {call};");
        if (endpoint.Return.CanBeNull)
        {
            writer.Lines($$"""
                if (result is null)
                {
                    await {{Names.Responses}}.NotFoundAsync(httpContext);
                    return;
                }

                """);
        }

        if (version is not null)
        {
            writer.Line($"{Names.ETags}.Set(httpContext, result.{version});");
        }

        if (endpoint.Return.Kind == ReturnKind.Result)
        {
            writer.Line("await result.ExecuteAsync(httpContext);");
            return;
        }

        writer.Line(endpoint.Crud?.Kind == CrudKind.Create
            ? $"await {Names.Responses}.{Filtered(endpoint, "CreatedAtAsync")}(httpContext, result.{endpoint.Crud.Resource.Key.PropertyName}.ToString(), result, {Names.JsonContextInstance}.{endpoint.Return.JsonProperty});"
            : $"await {Names.Responses}.{Filtered(endpoint, "JsonAsync")}(httpContext, result, {Names.JsonContextInstance}.{endpoint.Return.JsonProperty});");
    }

    /// <summary>A <c>[FilterOutput]</c> endpoint writes through the output firewall (<c>FilteredJsonAsync</c>...).</summary>
    private static string Filtered(EndpointSpec endpoint, string method) => endpoint.FilterOutput ? "Filtered" + method : method;

    private static string BindExpression(ParameterSpec parameter)
    {
        if (parameter.Source == ParameterSource.Page)
        {
            return $"{Names.Binding}.Page(httpContext, ref errors)";
        }

        var name = Names.Literal(parameter.BindingName);
        var underlying = parameter.UnderlyingTypeName;
        if (parameter.Source == ParameterSource.Route)
        {
            return parameter.BindKind == BindKind.Enum
                ? $"{Names.Binding}.RouteEnum<{underlying}>(httpContext, {name}, ref errors).GetValueOrDefault()"
                : $"{Names.Binding}.Route<{underlying}>(httpContext, {name}, ref errors){(parameter.IsValueType ? "" : "!")}";
        }

        var required = parameter.IsRequired ? "true" : "false";
        if (parameter.Source == ParameterSource.Header)
        {
            return parameter.BindKind == BindKind.NullableParsable
                ? $"{Names.Binding}.NullableHeader<{underlying}>(httpContext, {name}, ref errors)"
                : $"{Names.Binding}.Header<{underlying}>(httpContext, {name}, ref errors, required: {required}{(parameter.DefaultValue is { } value ? ", fallback: " + value : "")}){(parameter.IsRequired && !parameter.IsValueType ? "!" : "")}";
        }

        return parameter.BindKind switch
        {
            BindKind.NullableParsable => $"{Names.Binding}.NullableQuery<{underlying}>(httpContext, {name}, ref errors)",
            BindKind.NullableEnum => $"{Names.Binding}.QueryEnum<{underlying}>(httpContext, {name}, ref errors, required: false)",
            BindKind.Enum => $"{Names.Binding}.QueryEnum<{underlying}>(httpContext, {name}, ref errors, required: {required}) ?? {parameter.DefaultValue ?? "default"}",
            _ when parameter.DefaultValue is { } fallback => $"{Names.Binding}.Query<{underlying}>(httpContext, {name}, ref errors, required: false, fallback: {fallback})",
            _ when parameter.IsRequired => $"{Names.Binding}.Query<{underlying}>(httpContext, {name}, ref errors, required: true){(parameter.IsValueType ? "" : "!")}",
            _ => $"{Names.Binding}.Query<{underlying}>(httpContext, {name}, ref errors, required: false)",
        };
    }

    private static string ResolveExpression(ParameterSpec parameter) => parameter.Source switch
    {
        ParameterSource.Caller => parameter.IsRequired ? "request.Caller" : "global::SecureApi.Caller.Find(httpContext)",
        _ => Service(parameter.TypeName),
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

    private static readonly HashSet<string> ReservedLocals = ["request", "httpContext", "errors", "bodyRead", "bodyProblem", "endpoint", "result", "found", "screen", IdempotencyKey];
}
