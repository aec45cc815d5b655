using System.Collections.Generic;
using System.Linq;
using SecureApi.Generators.Models;

namespace SecureApi.Generators.Emitting;

/// <summary>
/// Writes the security inventory: every endpoint with what protects it (authentication, roles, scopes, client kinds,
/// policies, stores, rate limit, body cap, validation), what it exposes, and the SecureApi diagnostics silenced on it;
/// then every resource. The runtime reads this JSON for its <c>inventory</c> command, so its shape is a contract
/// (<c>schemaVersion</c>).
/// </summary>
internal static class InventoryWriter
{
    /// <summary>2 added what the AI guards do: screened members, the output firewall, filtered and untrusted resource members.</summary>
    public const int SchemaVersion = 2;

    /// <summary>Every authenticated endpoint accepts the schemes <c>AddSecureApi</c> registers (SecureApiSchemes).</summary>
    private static readonly string[] s_schemes = ["Bearer", "ApiKey"];

    /// <param name="schemaVersion">The checked-in schema snapshot's version; 0 when the project has none.</param>
    public static string Write(string assembly, IReadOnlyList<EndpointClassSpec> classes, IReadOnlyList<ResourceSpec> resources, IReadOnlyList<SuppressionSpec> projectSuppressions, int schemaVersion = 0)
    {
        var byName = resources.GroupBy(r => r.FullyQualifiedName).ToDictionary(g => g.Key, g => g.First());
        var json = new JsonText().BeginObject();
        json.Number("schemaVersion", SchemaVersion).String("assembly", assembly);
        json.BeginArray("endpoints");
        foreach (var (spec, endpoint) in classes
            .SelectMany(c => c.Endpoints.Select(e => (Class: c, Endpoint: e)))
            .OrderBy(p => p.Endpoint.Route, System.StringComparer.Ordinal)
            .ThenBy(p => p.Endpoint.HttpMethod, System.StringComparer.Ordinal))
        {
            WriteEndpoint(json, spec, endpoint, byName, projectSuppressions);
        }

        json.EndArray();
        json.BeginArray("resources");
        foreach (var resource in resources.OrderBy(r => r.FullyQualifiedName, System.StringComparer.Ordinal))
        {
            WriteResource(json, resource);
        }

        json.EndArray();

        // The database schema the service was built for, so a reviewer sees a schema change next to the code that made it.
        if (schemaVersion > 0)
        {
            json.BeginObject("databaseSchema").String("snapshot", "secureapi.schema.json").Number("version", schemaVersion).EndObject();
        }

        return json.EndObject().ToString();
    }

    private static void WriteEndpoint(JsonText json, EndpointClassSpec spec, EndpointSpec endpoint, Dictionary<string, ResourceSpec> resources, IReadOnlyList<SuppressionSpec> projectSuppressions)
    {
        json.BeginObject();
        json.String("method", endpoint.HttpMethod).String("route", endpoint.Route).String("name", endpoint.Name).String("tag", endpoint.Tag);
        json.String("handler", Plain(spec.FullyQualifiedName) + "." + endpoint.MethodName);
        json.Bool("anonymous", endpoint.AllowAnonymous);
        json.Strings("authenticationSchemes", endpoint.AllowAnonymous ? [] : s_schemes);

        // Each inner list is one requirement of which any member will do; all of them must hold.
        json.BeginArray("roles");
        foreach (var set in endpoint.RoleSets)
        {
            json.Strings(null, set.Split(','));
        }

        json.EndArray();
        json.BeginArray("scopes");
        foreach (var set in endpoint.ScopeSets)
        {
            json.Strings(null, set.Split(' '));
        }

        json.EndArray();
        json.Strings("clientKinds", endpoint.ClientKinds);
        json.Strings("policies", endpoint.Policies);

        json.BeginArray("stores");
        foreach (var store in endpoint.Stores)
        {
            json.BeginObject().String("resource", Short(store.Resource)).String("scope", ScopeName(store.Scope)).EndObject();
        }

        json.EndArray();
        json.BeginObject("rateLimit").String("policy", endpoint.DisableRateLimiting ? null : endpoint.RateLimitPolicy ?? "default").Bool("disabled", endpoint.DisableRateLimiting).EndObject();
        json.Number("maxBodyBytes", endpoint.MaxBodyBytes);
        json.Bool("exemptFromLoadShedding", endpoint.ExemptFromLoadShedding);
        json.Bool("allowUnknownQuery", endpoint.AllowUnknownQuery);

        json.BeginArray("parameters");
        foreach (var parameter in endpoint.Parameters.Where(p => p.Source is ParameterSource.Route or ParameterSource.Query or ParameterSource.Header or ParameterSource.Body or ParameterSource.Page))
        {
            json.BeginObject().String("name", parameter.BindingName.Length > 0 ? parameter.BindingName : parameter.Name)
                .String("in", parameter.Source.ToString().ToLowerInvariant()).String("type", Short(parameter.UnderlyingTypeName)).EndObject();
        }

        json.EndArray();
        json.BeginArray("validation");
        if (endpoint.Parameters.FirstOrDefault(p => p.Source == ParameterSource.Body) is { } body)
        {
            var types = spec.ValidatedTypes.ToDictionary(t => t.TypeName);
            foreach (var (member, rules) in Rules(body.UnderlyingTypeName, "", types, []))
            {
                json.BeginObject().String("member", member).Strings("rules", rules).EndObject();
            }
        }

        json.EndArray();
        json.BeginArray("untrustedText");
        foreach (var member in HandlerEmitter.UntrustedMembers(endpoint))
        {
            json.BeginObject().String("member", member.JsonName).String("mode", ModeName(member.Mode)).EndObject();
        }

        json.EndArray();
        json.BeginObject("outputFilter").Bool("runs", endpoint.FilterOutput)
            .String("reason", !endpoint.FilterOutput ? null : endpoint.FilterOutputDeclared ? "declared" : "chatClient").EndObject();

        // Only a JSON body is a response type: a bool says 204 or 404, an IResult could be anything.
        var returned = endpoint.Return.Kind is ReturnKind.Json or ReturnKind.Created ? endpoint.Return.UnderlyingValueType : null;
        json.String("response", returned is null ? null : Short(returned));
        var response = ResponseType(returned, spec.JsonTypes.ToDictionary(t => t.TypeName));
        json.Strings("responseMembers", response?.Object?.Properties.Select(p => CamelCase(p.Name)) ?? []);

        var touched = endpoint.Stores.Select(s => s.Resource).Distinct().Where(resources.ContainsKey).Select(r => resources[r]).ToList();
        json.Strings("sensitiveMembers", touched.SelectMany(r => r.Columns.Where(c => c.Sensitive).Select(c => r.TypeName + "." + c.JsonName)));
        json.Strings("encryptedMembers", touched.SelectMany(r => r.Columns.Where(c => c.Encrypted).Select(c => r.TypeName + "." + c.JsonName)));

        var applicable = Parsing.EndpointSuppressions.Applicable(endpoint.DisableRateLimiting);
        json.BeginArray("suppressedDiagnostics");
        foreach (var suppression in endpoint.Suppressions.Concat(projectSuppressions.Where(s => applicable.Contains(s.Id))))
        {
            json.BeginObject().String("id", suppression.Id).String("via", KindName(suppression.Kind)).String("justification", suppression.Justification).EndObject();
        }

        json.EndArray();
        json.EndObject();
    }

    private static void WriteResource(JsonText json, ResourceSpec resource)
    {
        json.BeginObject();
        json.String("name", resource.TypeName).String("type", Plain(resource.FullyQualifiedName)).String("table", resource.Table);
        json.String("key", resource.Key.JsonName).String("owner", resource.Owner?.JsonName).String("tenant", resource.Tenant?.JsonName);
        json.Strings("sensitiveMembers", resource.Columns.Where(c => c.Sensitive).Select(c => c.JsonName));
        json.Strings("encryptedMembers", resource.Columns.Where(c => c.Encrypted).Select(c => c.JsonName));
        json.Strings("filteredMembers", resource.Columns.Where(c => c.FilterOutput).Select(c => c.JsonName));
        json.BeginArray("untrustedMembers");
        foreach (var column in resource.Columns.Where(c => c.UntrustedText != UntrustedTextModeSpec.None))
        {
            json.BeginObject().String("member", column.JsonName).String("mode", ModeName(column.UntrustedText)).EndObject();
        }

        json.EndArray();
        json.EndObject();
    }

    /// <summary>Every validated member of a request type, nested ones by path (<c>lines[].sku</c>), with its rules.</summary>
    private static IEnumerable<(string Member, IEnumerable<string> Rules)> Rules(string typeName, string prefix, Dictionary<string, ValidatedTypeSpec> types, HashSet<string> visiting)
    {
        if (!types.TryGetValue(typeName, out var type) || !visiting.Add(typeName))
        {
            yield break;
        }

        foreach (var member in type.Members)
        {
            var path = prefix + member.JsonName;
            if (member.Rules.Count > 0)
            {
                yield return (path, member.Rules.Select(Describe));
            }

            if (member.NestedType is { } nested)
            {
                foreach (var inner in Rules(nested, path + (member.Shape == MemberShape.Collection ? "[]." : "."), types, visiting))
                {
                    yield return inner;
                }
            }
        }

        visiting.Remove(typeName);
    }

    private static string Describe(RuleSpec rule)
    {
        var name = CamelCase(rule.Kind.ToString());
        var arguments = string.Join("..", new[] { rule.Argument1, rule.Argument2 }.Where(a => a.Length > 0).Select(Unliteral));
        return arguments.Length == 0 ? name : name + " " + arguments;
    }

    /// <summary>A C# literal as a reader writes it: <c>(int)5</c> is 5, <c>"a\\d"</c> is a\d.</summary>
    private static string Unliteral(string literal)
    {
        var text = literal.StartsWith("(", System.StringComparison.Ordinal) && literal.IndexOf(')') is var close and > 0 ? literal.Substring(close + 1) : literal;
        if (text.Length >= 2 && text[0] == '"' && text[text.Length - 1] == '"')
        {
            text = text.Substring(1, text.Length - 2).Replace("\\\\", "\\").Replace("\\\"", "\"");
        }

        return text;
    }

    /// <summary>The object a response carries: a list's or page's element, a nullable's value.</summary>
    private static JsonTypeSpec? ResponseType(string? typeName, Dictionary<string, JsonTypeSpec> types)
    {
        for (var depth = 0; typeName is not null && depth < 4 && types.TryGetValue(typeName, out var type); depth++)
        {
            if (type.Kind == JsonTypeKind.Object && type.TypeName.StartsWith("global::SecureApi.Data.Page<", System.StringComparison.Ordinal))
            {
                typeName = type.Object?.Properties.FirstOrDefault(p => p.Name == "Items")?.TypeName;
                continue;
            }

            if (type.Kind is JsonTypeKind.Object or JsonTypeKind.Value or JsonTypeKind.Enum)
            {
                return type;
            }

            typeName = type.ElementType;
        }

        return null;
    }

    private static string ModeName(UntrustedTextModeSpec mode) => mode == UntrustedTextModeSpec.Quarantine ? "quarantine" : "reject";

    private static string ScopeName(StoreScope scope) => scope switch
    {
        StoreScope.Owner => "owner",
        StoreScope.Tenant => "tenant",
        _ => "admin",
    };

    private static string KindName(SuppressionKind kind) => kind switch
    {
        SuppressionKind.Pragma => "pragma",
        SuppressionKind.SuppressMessage => "SuppressMessage",
        SuppressionKind.NoWarn => "NoWarn",
        SuppressionKind.EditorConfig => "editorconfig",
        _ => "globalconfig",
    };

    private static string Plain(string typeName) => typeName.StartsWith("global::", System.StringComparison.Ordinal) ? typeName.Substring("global::".Length) : typeName;

    /// <summary>A type as a reader names it: without namespaces (<c>Page&lt;Note&gt;</c>, <c>Guid</c>).</summary>
    private static string Short(string typeName)
    {
        var result = new System.Text.StringBuilder();
        var start = 0;
        for (var i = 0; i <= typeName.Length; i++)
        {
            if (i == typeName.Length || typeName[i] is '<' or '>' or ',' or ' ' or '[' or ']' or '?')
            {
                var part = Plain(typeName.Substring(start, i - start));
                result.Append(part.Substring(part.LastIndexOf('.') + 1));
                if (i < typeName.Length)
                {
                    result.Append(typeName[i]);
                }

                start = i + 1;
            }
        }

        return result.ToString();
    }

    private static string CamelCase(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name.Substring(1);
}
