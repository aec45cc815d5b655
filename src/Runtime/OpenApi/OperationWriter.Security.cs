using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.OpenApi;
using SecureApi.Infrastructure;

namespace SecureApi.OpenApi;

/// <summary>The operation's security requirements and the SecureApi facts as <c>x-secureapi-*</c> extensions.</summary>
internal sealed partial class OperationWriter
{
    /// <summary>
    /// One requirement per scheme; the scopes each scope set needs, one alternative per combination (a set of several
    /// scopes is satisfied by any one of them, and OpenAPI lists scopes that are all required).
    /// </summary>
    private IEnumerable<OpenApiSecurityRequirement> SecurityRequirements(EndpointDefinition definition)
    {
        IEnumerable<List<string>> combinations = [[]];
        foreach (var set in definition.ScopeSets)
        {
            var scopes = set.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            combinations = combinations.SelectMany(combination => scopes.Select(scope => new List<string>(combination) { scope })).ToList();
        }

        foreach (var scopes in combinations)
        {
            if (context.JwtConfigured)
            {
                yield return new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = scopes };
            }

            yield return new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, document)] = scopes };
        }
    }

    private Dictionary<string, IOpenApiExtension> Extensions(EndpointDefinition definition, OperationDescription description)
    {
        var extensions = new Dictionary<string, IOpenApiExtension>(StringComparer.Ordinal)
        {
            ["x-secureapi-anonymous"] = Value(definition.AllowAnonymous),
            ["x-secureapi-rate-limit"] = Value(definition.DisableRateLimiting ? "disabled" : definition.RateLimitPolicy ?? "default"),
        };
        if (definition.RoleSets.Count > 0)
        {
            extensions["x-secureapi-roles"] = Sets(definition.RoleSets, ',');
        }

        if (definition.ScopeSets.Count > 0)
        {
            extensions["x-secureapi-scopes"] = Sets(definition.ScopeSets, ' ');
        }

        if (definition.ClientKinds.Count > 0)
        {
            extensions["x-secureapi-client-kinds"] = new JsonNodeExtension(new JsonArray([.. definition.ClientKinds.Select(kind => (JsonNode)JsonValue.Create(ClientKindNames.Of(kind)))]));
        }

        if (definition.Policies.Count > 0)
        {
            extensions["x-secureapi-policies"] = new JsonNodeExtension(new JsonArray([.. definition.Policies.Select(policy => (JsonNode)JsonValue.Create(policy))]));
        }

        if (description.Scoping is { } scoping)
        {
            extensions["x-secureapi-scoping"] = Value(scoping);
        }

        if (description.RequestSchema is not null)
        {
            extensions["x-secureapi-max-body-bytes"] = new JsonNodeExtension(JsonValue.Create(description.MaxBodyBytes ?? context.DefaultMaxBodyBytes));
        }

        if (definition.ExemptFromLoadShedding)
        {
            extensions["x-secureapi-load-shedding"] = Value("exempt");
        }

        return extensions;
    }

    /// <summary>Requirement sets as an array of alternatives: every entry must hold, any one name of an entry does.</summary>
    private static JsonNodeExtension Sets(IReadOnlyList<string> sets, char separator) =>
        new(new JsonArray([.. sets.Select(set => (JsonNode)new JsonArray([.. set.Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(name => (JsonNode)JsonValue.Create(name))]))]));

    private static JsonNodeExtension Value(string value) => new(JsonValue.Create(value));

    private static JsonNodeExtension Value(bool value) => new(JsonValue.Create(value));
}
