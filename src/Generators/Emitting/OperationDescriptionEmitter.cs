using System.Collections.Generic;
using System.Linq;
using SecureApi.Generators.Models;
using SecureApi.Generators.Resolving;

namespace SecureApi.Generators.Emitting;

/// <summary>
/// Emits an endpoint's <c>OperationDescription</c>: its documentation, parameters, body and response schemas, and the
/// answers its generated code can give — each derived from the same spec the handler is emitted from, so the document
/// says what the handler does.
/// </summary>
internal static class OperationDescriptionEmitter
{
    private const string Infrastructure = "global::SecureApi.Infrastructure";

    public static void Emit(SourceWriter writer, EndpointClassSpec spec, EndpointSpec endpoint, IReadOnlyDictionary<string, JsonTypeSpec> types)
    {
        using (writer.Block($"Operation = new {Infrastructure}.OperationDescription", ","))
        {
            writer.Line($"Summary = {Names.Literal(endpoint.Summary ?? GeneratedSummary(endpoint))},");
            if (Description(endpoint) is { } description)
            {
                writer.Line($"Description = {Names.Literal(description)},");
            }

            var parameters = endpoint.Parameters.Where(p => p.Source is ParameterSource.Route or ParameterSource.Query or ParameterSource.Header).ToList();
            if (parameters.Count > 0)
            {
                writer.Line("Parameters =");
                writer.Line("[");
                writer.Indent();
                foreach (var parameter in parameters)
                {
                    writer.Line($"new({Names.Literal(parameter.BindingName)}, {Infrastructure}.ParameterPlace.{Place(parameter.Source)}, {(parameter.IsRequired ? "true" : "false")}, {OpenApiSchemaEmitter.Inline(OpenApiTypes.OfParameter(parameter))}),");
                }

                writer.Outdent();
                writer.Line("],");
            }

            if (endpoint.Parameters.FirstOrDefault(p => p.Source == ParameterSource.Body) is { } body &&
                types.TryGetValue(body.UnderlyingTypeName, out var bodyType))
            {
                writer.Line($"RequestSchema = {Names.Literal(bodyType.PropertyName)},");
                if (endpoint.MaxBodyBytes is { } maxBytes)
                {
                    writer.Line($"MaxBodyBytes = {maxBytes}L,");
                }
            }

            if (ResponseType(endpoint) is { } responseType && OpenApiTypes.Of(responseType, types, [], nullable: false) is { } response)
            {
                writer.Line($"ResponseSchema = {OpenApiSchemaEmitter.Inline(response)},");
            }

            if (endpoint.Parameters.Any(p => p.Source == ParameterSource.Page))
            {
                writer.Line($"Page = {Page(endpoint.PageResource)},");
            }

            var answers = Answers(spec, endpoint);
            if (answers.Count > 0)
            {
                writer.Line($"Answers = {string.Join(" | ", answers.Select(a => $"{Infrastructure}.OperationAnswers.{a}"))},");
            }

            if (Scoping(spec, endpoint) is { } scoping)
            {
                writer.Line($"Scoping = {Names.Literal(scoping)},");
            }

            writer.Line($"Schemas = {OpenApiSchemaEmitter.SchemasProperty},");
        }
    }

    private static string Place(ParameterSource source) => source switch
    {
        ParameterSource.Route => "Path",
        ParameterSource.Header => "Header",
        _ => "Query",
    };

    /// <summary>The type of the success body: the value of a JSON result or of <c>Created&lt;T&gt;</c>; none for 204 or an unknown <c>IResult</c>.</summary>
    private static string? ResponseType(EndpointSpec endpoint) => endpoint.Return.Kind switch
    {
        ReturnKind.Json => endpoint.Return.UnderlyingValueType,
        ReturnKind.Created => endpoint.Return.ValueType,
        _ => null,
    };

    private static string Page(ResourceSpec? resource)
    {
        if (resource is null)
        {
            // A hand-written list: its store checks the allow-lists, which the generator cannot see from here.
            return $"new {Infrastructure}.PageDescription()";
        }

        var sortable = resource.Columns.Where(c => c.Sortable).Select(c => Names.Literal(c.JsonName));
        var filterable = resource.Columns.Where(c => c.Filterable).Select(c => $"new({Names.Literal(c.JsonName)}, {OpenApiSchemaEmitter.Inline(FilterSchema(c))})");
        return $"new {Infrastructure}.PageDescription {{ AllowListsKnown = true, Sortable = [{string.Join(", ", sortable)}], Filterable = [{string.Join(", ", filterable)}] }}";
    }

    /// <summary>A filter value is parsed as the member's type; text is at most 1024 characters (the binder's limit).</summary>
    private static OpenApiTypeSpec FilterSchema(ColumnSpec column) => column.Kind switch
    {
        ColumnKind.Guid => new OpenApiTypeSpec("string", "uuid", MaxLength: "36"),
        ColumnKind.Int32 => OpenApiTypes.ValueOf("Int32Converter")!,
        ColumnKind.Int64 => OpenApiTypes.ValueOf("Int64Converter")!,
        ColumnKind.Boolean => new OpenApiTypeSpec("boolean"),
        ColumnKind.Double => new OpenApiTypeSpec("number", "double"),
        ColumnKind.Decimal => new OpenApiTypeSpec("number", "decimal"),
        ColumnKind.DateTimeOffset => new OpenApiTypeSpec("string", "date-time", MaxLength: "64"),
        _ => new OpenApiTypeSpec("string", MinLength: "1", MaxLength: "1024"),
    };

    private static List<string> Answers(EndpointClassSpec spec, EndpointSpec endpoint)
    {
        var crud = endpoint.Crud;
        var versioned = crud?.Resource.Version is not null;
        var answers = new List<string>();
        if (endpoint.Return.CanBeNull || endpoint.Return.Kind == ReturnKind.Found || crud is { Kind: not (CrudKind.List or CrudKind.Create) })
        {
            answers.Add("NotFound");
        }

        // Generated handlers set the ETag of a versioned resource they answer with (not a list, not a 204).
        if (versioned && crud!.Kind is CrudKind.Find or CrudKind.Create or CrudKind.Replace or CrudKind.Patch)
        {
            answers.Add("ETag");
        }

        if (crud?.Kind == CrudKind.Create || endpoint.Return.Kind == ReturnKind.Created)
        {
            answers.Add("Location");
        }

        if (versioned && crud!.Kind is CrudKind.Replace or CrudKind.Patch)
        {
            answers.Add("IfMatchRequired");
        }

        if (versioned && crud!.Kind == CrudKind.Delete)
        {
            answers.Add("IfMatchHonoured");
        }

        if (crud?.Kind == CrudKind.Create)
        {
            answers.Add("Idempotent");
        }

        if (UsesData(spec, endpoint))
        {
            answers.Add("Database");
        }

        if (HandlerEmitter.UntrustedMembers(endpoint).Count > 0)
        {
            answers.Add("UntrustedText");
        }

        if (endpoint.Return.Kind == ReturnKind.Result)
        {
            answers.Add("HandWrittenResult");
        }

        if (crud?.Resource.Tenant is not null)
        {
            answers.Add("RequiresTenant");
        }

        return answers;
    }

    /// <summary>
    /// The endpoint reaches the database: a generated operation, or a hand-written one given a store or one of
    /// SecureApi's data services (API keys, the audit trail, blocks). An application service of its own is not assumed
    /// to (its failures would be 500s, which every operation lists).
    /// </summary>
    private static bool UsesData(EndpointClassSpec spec, EndpointSpec endpoint) =>
        endpoint.Crud is not null ||
        (endpoint.IsStatic ? [] : spec.ConstructorParameterTypes).Concat(endpoint.Parameters.Where(p => p.Source == ParameterSource.Service).Select(p => p.TypeName)).Any(IsDataService);

    private static bool IsDataService(string type) =>
        type.EndsWith("Store", System.StringComparison.Ordinal) ||
        type is "global::SecureApi.Authentication.ApiKeys" or "global::SecureApi.Auditing.AuditTrail" or "global::SecureApi.Monitoring.IBlockList";

    private static string? Scoping(EndpointClassSpec spec, EndpointSpec endpoint)
    {
        if (endpoint.Crud?.Resource is { } resource)
        {
            var scopes = new[] { resource.Owner is null ? null : "owner", resource.Tenant is null ? null : "tenant" }.Where(s => s is not null).ToList();
            return scopes.Count == 0 ? null : string.Join(",", scopes);
        }

        return !endpoint.IsStatic && spec.ConstructorParameterTypes.Any(t => t.EndsWith("AdminStore", System.StringComparison.Ordinal)) ? "admin" : null;
    }

    private static string GeneratedSummary(EndpointSpec endpoint) => endpoint.Crud is { } crud
        ? crud.Kind switch
        {
            CrudKind.Find => $"Reads one {crud.Resource.TypeName}.",
            CrudKind.List => $"Lists {crud.Resource.TypeName} items, a page at a time.",
            CrudKind.Create => $"Creates a {crud.Resource.TypeName}.",
            CrudKind.Replace => $"Replaces a {crud.Resource.TypeName}.",
            CrudKind.Patch => $"Changes the members sent of a {crud.Resource.TypeName}.",
            _ => $"Deletes a {crud.Resource.TypeName}.",
        }
        : $"{endpoint.HttpMethod} {endpoint.Route}";

    private static string HandWritten(EndpointSpec endpoint) => endpoint.Return.Kind == ReturnKind.Result
        ? "A hand-written endpoint returning its own result; its protections are in the x-secureapi extensions."
        : "A hand-written endpoint in a generated envelope (binding, validation, protections as listed in the x-secureapi extensions).";

    /// <summary>The doc comment, and for a generated operation what the generated code guarantees.</summary>
    private static string? Description(EndpointSpec endpoint)
    {
        var scoped = endpoint.Crud?.Resource switch
        {
            { Owner: not null } => "Generated on the owner-scoped store: only the caller's own items exist for it.",
            { Tenant: not null } => "Generated on the tenant-scoped store: only the caller's tenant's items exist for it.",
            null => endpoint.Description is null ? HandWritten(endpoint) : null,
            _ => "Generated on the resource's store.",
        };
        var text = string.Join(" ", new[] { endpoint.Description, scoped }.Where(t => t is not null));
        return text.Length == 0 ? null : text;
    }
}
