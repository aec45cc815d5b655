using System.Globalization;
using System.Text.Json.Nodes;

namespace SecureApi.SampleTests.OpenApi;

/// <summary>
/// Every case the document implies, per operation: the valid request, that request with each parameter and body member
/// (nested objects included) at each of its documented bounds, and that request with each documented constraint broken,
/// one at a time.
/// </summary>
public sealed class ConformanceCases(OpenApiDescription document)
{
    /// <summary>A member no schema declares, sent where <c>additionalProperties</c> is false.</summary>
    public const string UnknownMember = "notInSchema";

    /// <summary>Parameters whose values only the server issues (a signed cursor, an entity tag): no made-up value is valid.</summary>
    private static readonly string[] ServerIssued = ["cursor", "If-Match"];

    private readonly SchemaValues _values = new(document);

    public IEnumerable<ConformanceCase> All() => document.Operations.SelectMany(For);

    public ConformanceCase Find(string operation, string constraint) =>
        For(document.Operation(operation)).SingleOrDefault(c => c.Constraint == constraint)
        ?? throw new KeyNotFoundException($"{operation} has no case '{constraint}' any more.");

    /// <summary>The operation's cases, each name once (a name's first case wins).</summary>
    public IEnumerable<ConformanceCase> For(OpenApiOperation operation) =>
        ValidCases(operation).Concat(Violations(operation)).DistinctBy(c => c.Constraint, StringComparer.Ordinal);

    private IEnumerable<ConformanceCase> ValidCases(OpenApiOperation operation)
    {
        yield return Build(operation, ConformanceCase.ValidConstraint, null, _ => { });
        foreach (var parameter in operation.Parameters.Where(p => !ServerIssued.Contains(p.Name, StringComparer.OrdinalIgnoreCase)))
        {
            foreach (var (bound, value) in BoundaryValues(parameter.Schema))
            {
                yield return Build(operation, $"valid {parameter.In} {parameter.Name} {bound}", null, request => Set(request, parameter, SchemaValues.Text(value())));
            }
        }

        if (operation.RequestBody is { } body && _values.MainType(body.Schema) == "object")
        {
            foreach (var (path, bound, mutate) in ObjectBoundaries(body.Schema, []))
            {
                yield return Build(operation, $"valid body {string.Join('.', path)} {bound}", null, request => mutate((JsonObject)request.Body!));
            }
        }
    }

    private IEnumerable<ConformanceCase> Violations(OpenApiOperation operation)
    {
        foreach (var parameter in operation.Parameters)
        {
            foreach (var (constraint, value) in ParameterViolations(parameter))
            {
                yield return Build(operation, $"{parameter.In} {parameter.Name}: {constraint}", parameter.Name, request => Set(request, parameter, value()));
            }
        }

        if (operation.RequestBody is { } body && _values.MainType(body.Schema) == "object")
        {
            foreach (var (path, constraint, mutate) in ObjectViolations(body.Schema, []))
            {
                var member = string.Join('.', path);
                yield return Build(operation, $"body {member}: {constraint}", member, request => mutate((JsonObject)request.Body!));
            }
        }
    }

    /// <summary>The valid request with one constraint broken; a case that cannot be built says why instead of hiding the others.</summary>
    private ConformanceCase Build(OpenApiOperation operation, string constraint, string? member, Action<ConformanceRequest> breakOne)
    {
        try
        {
            var request = ValidRequest(operation);
            breakOne(request);
            return new ConformanceCase(operation, constraint, member, request);
        }
        catch (InvalidOperationException failure)
        {
            return new ConformanceCase(operation, constraint, member, null) { CannotBuild = failure.Message };
        }
    }

    /// <summary>Every required parameter with a valid value (optional ones left out: a made-up cursor is not "valid"), and a valid body.</summary>
    public ConformanceRequest ValidRequest(OpenApiOperation operation)
    {
        var request = new ConformanceRequest(operation);
        foreach (var parameter in operation.Parameters.Where(p => p.Required || p.In == "path"))
        {
            Set(request, parameter, SchemaValues.Text(_values.Valid(parameter.Schema)));
        }

        if (operation.RequestBody is { } body)
        {
            request.Body = _values.Valid(body.Schema);
        }

        return request;
    }

    private static void Set(ConformanceRequest request, OpenApiParameter parameter, string? value)
    {
        var target = parameter.In switch
        {
            "path" => request.Route,
            "query" => request.Query,
            "header" => request.Headers,
            _ => throw new NotSupportedException($"Parameters in {parameter.In} are not synthesised ({parameter.Name})."),
        };
        if (value is null)
        {
            target.Remove(parameter.Name);
        }
        else
        {
            target[parameter.Name] = value;
        }
    }

    /// <summary>Text values that break one constraint of a parameter each; null means "left out".</summary>
    private IEnumerable<(string Constraint, Func<string?> Value)> ParameterViolations(OpenApiParameter parameter)
    {
        if (parameter.Required && parameter.In != "path")
        {
            yield return ("required", () => null);
        }

        var schema = _values.Effective(parameter.Schema);
        var types = _values.Types(schema);
        if (schema["enum"] is JsonArray)
        {
            yield return ("enum", () => "NotAMember");
        }

        if (!types.Contains("string") && types.Any(t => t is "integer" or "number" or "boolean"))
        {
            yield return ($"type {string.Join('|', types)}", () => "not-a-" + types[0]);
        }

        foreach (var violation in NumberViolations(schema, types).Concat(StringViolations(schema, types)))
        {
            // An empty route value is a different route, not a bad value; HttpClient does not send a header with an empty value.
            if (!(parameter.In is "path" or "header" && violation.Constraint == "minLength 1"))
            {
                yield return (violation.Constraint, () => SchemaValues.Text(violation.Value()));
            }
        }

        if (types.Contains("string") && SchemaValues.Format(schema) is "uuid")
        {
            yield return ("format uuid", () => "not-a-uuid");
        }
    }

    /// <summary>For each member of an object schema (recursing into object members): a valid object with that member at one of its bounds.</summary>
    private IEnumerable<(IReadOnlyList<string> Path, string Bound, Action<JsonObject> Mutate)> ObjectBoundaries(JsonObject objectSchema, IReadOnlyList<string> at)
    {
        foreach (var (name, schema, _) in _values.WritableMembers(objectSchema))
        {
            IReadOnlyList<string> path = [.. at, name];
            foreach (var (bound, value) in BoundaryValues(schema))
            {
                yield return (path, bound, root => Navigate(root, at)[name] = value());
            }

            if (_values.MainType(schema) == "object")
            {
                foreach (var nested in ObjectBoundaries(schema, path))
                {
                    yield return nested;
                }
            }
        }
    }

    /// <summary>Values at the edges of what a schema allows: each enum member, the bounds of numbers, lengths and item counts.</summary>
    private IEnumerable<(string Bound, Func<JsonNode?> Value)> BoundaryValues(JsonObject schema)
    {
        schema = _values.Effective(schema);
        var types = _values.Types(schema);
        if (schema["enum"] is JsonArray members)
        {
            foreach (var member in members.Where(m => m is not null))
            {
                yield return ($"= {member!.ToJsonString()}", () => member.DeepClone());
            }

            yield break;
        }

        if (types.Contains("integer") || types.Contains("number"))
        {
            var (min, max) = SchemaValues.IntegerBounds(schema);
            if (min > decimal.MinValue)
            {
                yield return ($"at minimum {min.ToString(CultureInfo.InvariantCulture)}", () => JsonValue.Create(min));
            }

            if (max < decimal.MaxValue)
            {
                yield return ($"at maximum {max.ToString(CultureInfo.InvariantCulture)}", () => JsonValue.Create(max));
            }
        }

        if (types.Contains("string"))
        {
            var (min, max) = SchemaValues.LengthBounds(schema);
            if (min > 0)
            {
                yield return ($"at minLength {min}", () => Text(SchemaValues.StringOfLength(schema, min), $"a string of minLength {min}"));
            }

            if (max < int.MaxValue)
            {
                yield return ($"at maxLength {max}", () => Text(SchemaValues.StringOfLength(schema, max), $"a string of maxLength {max}"));
            }
        }

        if (types.Contains("array") && SchemaValues.Count(schema, "maxItems") is { } maxItems)
        {
            yield return ($"at maxItems {maxItems}", () => new JsonArray([.. Enumerable.Range(0, maxItems).Select(_ => schema["items"] is { } items ? _values.Valid(items) : JsonValue.Create("a"))]));
        }
    }

    /// <summary>For each member of an object schema (recursing into object members): a mutation of a valid object that breaks one constraint.</summary>
    private IEnumerable<(IReadOnlyList<string> Path, string Constraint, Action<JsonObject> Mutate)> ObjectViolations(JsonObject objectSchema, IReadOnlyList<string> at)
    {
        objectSchema = _values.Effective(objectSchema);
        if (objectSchema["additionalProperties"] is JsonValue additional && additional.TryGetValue<bool>(out var allowed) && !allowed)
        {
            yield return ([.. at, UnknownMember], "additionalProperties false", root => Navigate(root, at)[UnknownMember] = 1);
        }

        foreach (var (name, schema, required) in _values.WritableMembers(objectSchema))
        {
            IReadOnlyList<string> path = [.. at, name];
            if (required)
            {
                yield return (path, "required", root => Navigate(root, at).Remove(name));
            }

            foreach (var (constraint, value) in ValueViolations(schema))
            {
                yield return (path, constraint, root => Navigate(root, at)[name] = value());
            }

            if (_values.MainType(schema) == "object")
            {
                foreach (var nested in ObjectViolations(schema, path))
                {
                    yield return nested;
                }
            }
        }
    }

    /// <summary>JSON values that break one constraint each of a member's schema: its type, enum, bounds, lengths, pattern, item counts.</summary>
    private IEnumerable<(string Constraint, Func<JsonNode?> Value)> ValueViolations(JsonObject schema)
    {
        var nullable = _values.AllowsNull(schema);
        schema = _values.Effective(schema);
        var types = _values.Types(schema);
        if (types.Count > 0 && !nullable)
        {
            yield return ("type null", () => null);
        }

        if (WrongKind(types) is { } wrong)
        {
            yield return ($"type {string.Join('|', types)}", () => wrong.DeepClone());
        }

        if (schema["enum"] is JsonArray members)
        {
            yield return ("enum", () => members.Any(m => m is JsonValue v && v.TryGetValue<string>(out _)) ? JsonValue.Create("NotAMember") : JsonValue.Create(987654321));
        }

        foreach (var violation in NumberViolations(schema, types).Concat(StringViolations(schema, types)))
        {
            yield return violation;
        }

        if (types.Contains("array"))
        {
            JsonNode? Item() => schema["items"] is { } items ? _values.Valid(items) : JsonValue.Create("a");
            if (SchemaValues.Count(schema, "maxItems") is { } maxItems)
            {
                yield return ($"maxItems {maxItems}", () => new JsonArray([.. Enumerable.Range(0, maxItems + 1).Select(_ => Item())]));
            }

            if (SchemaValues.Count(schema, "minItems") is > 0 and var minItems)
            {
                yield return ($"minItems {minItems}", () => new JsonArray([.. Enumerable.Range(0, minItems - 1).Select(_ => Item())]));
            }
        }
    }

    private static IEnumerable<(string Constraint, Func<JsonNode?> Value)> NumberViolations(JsonObject schema, IReadOnlyList<string> types)
    {
        if (!types.Contains("integer") && !types.Contains("number"))
        {
            yield break;
        }

        var (formatMin, formatMax) = SchemaValues.FormatBounds(schema);
        var (min, max) = SchemaValues.IntegerBounds(schema);
        var format = SchemaValues.Format(schema);
        if (min > decimal.MinValue)
        {
            var constraint = min > formatMin || format is null ? $"minimum {min.ToString(CultureInfo.InvariantCulture)}" : $"format {format} lower bound";
            yield return (constraint, () => JsonValue.Create(min - 1));
        }

        if (max < decimal.MaxValue)
        {
            var constraint = max < formatMax || format is null ? $"maximum {max.ToString(CultureInfo.InvariantCulture)}" : $"format {format} upper bound";
            yield return (constraint, () => JsonValue.Create(max + 1));
        }

        // An integer with a fraction is not an integer.
        if (types.Contains("integer") && !types.Contains("number"))
        {
            yield return ("type integer (fraction)", () => JsonValue.Create(Math.Clamp(1, min, max) + 0.5m));
        }
    }

    private static IEnumerable<(string Constraint, Func<JsonNode?> Value)> StringViolations(JsonObject schema, IReadOnlyList<string> types)
    {
        if (!types.Contains("string") || schema["enum"] is not null)
        {
            yield break;
        }

        var (min, max) = SchemaValues.LengthBounds(schema);
        if (max < int.MaxValue)
        {
            yield return ($"maxLength {max}", () => Text(SchemaValues.StringOfLength(schema, max + 1), $"a string just over maxLength {max} that keeps the pattern"));
        }

        if (min > 0)
        {
            yield return ($"minLength {min}", () => Text(SchemaValues.StringOfLength(schema, min - 1) ?? (min == 1 ? "" : null), $"a string just under minLength {min} that keeps the pattern"));
        }

        if (SchemaValues.Pattern(schema) is { } pattern)
        {
            yield return ("pattern", () => Text(SchemaValues.StringBreakingPattern(schema), $"pattern {pattern}"));
        }
    }

    private static JsonValue Text(string? value, string what) =>
        JsonValue.Create(value ?? throw new InvalidOperationException($"No candidate string gives {what}; add one to {nameof(SchemaValues)}."));

    /// <summary>A JSON value of a kind the types do not allow, or null when they allow every kind.</summary>
    private static JsonNode? WrongKind(IReadOnlyList<string> types)
    {
        if (types.Count == 0)
        {
            return null;
        }

        if (!types.Contains("integer") && !types.Contains("number"))
        {
            return JsonValue.Create(12345);
        }

        if (!types.Contains("string"))
        {
            return JsonValue.Create("text");
        }

        if (!types.Contains("boolean"))
        {
            return JsonValue.Create(true);
        }

        return types.Contains("object") ? new JsonArray() : new JsonObject();
    }

    private static JsonObject Navigate(JsonObject root, IReadOnlyList<string> path) =>
        path.Aggregate(root, (node, member) => node[member] as JsonObject ?? throw new InvalidOperationException($"The valid body has no object at '{member}'."));
}
