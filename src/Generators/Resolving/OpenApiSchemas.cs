using System.Collections.Generic;
using System.Linq;
using SecureApi.Generators.Models;
using SecureApi.Generators.Parsing;

namespace SecureApi.Generators.Resolving;

/// <summary>
/// The assembly's component schemas, from the JSON context's types (what is written and read, <c>[Sensitive]</c> members
/// already left out) and the validated request types (what is required). Each limit is the one declared, which for a
/// request type is the one its generated validator enforces.
/// </summary>
internal static class OpenApiSchemas
{
    private const string PageTypePrefix = "global::SecureApi.Data.Page<";
    private const string QuarantinedList = "quarantined";

    public static EquatableArray<OpenApiSchemaSpec> Build(EquatableArray<JsonTypeSpec> types, EquatableArray<ValidatedTypeSpec> validatedTypes)
    {
        var lookup = types.ToDictionary(t => t.TypeName, System.StringComparer.Ordinal);
        var validated = validatedTypes.ToDictionary(t => t.TypeName, System.StringComparer.Ordinal);
        var schemas = new List<OpenApiSchemaSpec>();
        foreach (var type in types.OrderBy(t => t.PropertyName, System.StringComparer.Ordinal))
        {
            if (type.Kind == JsonTypeKind.Enum)
            {
                schemas.Add(new OpenApiSchemaSpec(type.PropertyName, type.Description, true, EquatableArray<OpenApiPropertySpec>.Empty, EquatableArray<string>.Empty, type.EnumMembers));
            }
            else if (type is { Kind: JsonTypeKind.Object, Object: { } shape })
            {
                schemas.Add(ObjectOf(type, shape, lookup, validated.TryGetValue(type.TypeName, out var request) ? request : null));
            }
        }

        return schemas.ToEquatableArray();
    }

    private static OpenApiSchemaSpec ObjectOf(JsonTypeSpec type, JsonObjectSpec shape, Dictionary<string, JsonTypeSpec> lookup, ValidatedTypeSpec? request)
    {
        var isPage = type.TypeName.StartsWith(PageTypePrefix, System.StringComparison.Ordinal);
        var properties = new List<OpenApiPropertySpec>();
        foreach (var property in shape.Properties)
        {
            // A member in quarantine is written as null to readers other than its author and moderators.
            var schema = OpenApiTypes.Of(property.TypeName, lookup, property.Rules, property.IsNullable || property.QuarantineMember is not null);
            if (schema is null)
            {
                continue;
            }

            if (isPage)
            {
                // A page holds at most PageRequest.MaxLimit items; its cursor is the binder's at most 2048 characters.
                schema = property.Name == "Items" ? schema with { MaxItems = "100" } : schema with { MaxLength = "2048" };
            }

            properties.Add(new OpenApiPropertySpec(SymbolExtensions.ToCamelCase(property.Name), schema with { Description = property.Description }));
        }

        // A request type requires what validation requires; a response always carries every member (nulls included).
        var required = request is not null
            ? request.Members.Where(m => m.Rules.Any(r => r.Kind == RuleKind.Required)).Select(m => m.JsonName).ToList()
            : properties.Select(p => p.JsonName).ToList();
        if (shape.Quarantine is not null)
        {
            // Written only when something is withheld, so never required.
            properties.Add(new OpenApiPropertySpec(QuarantinedList, new OpenApiTypeSpec(
                "array",
                Items: new OpenApiTypeSpec("string"),
                Description: "The members withheld from this reader while in quarantine (each written as null); absent when none is. Their author and moderators see them.")));
        }

        return new OpenApiSchemaSpec(type.PropertyName, type.Description, false, properties.ToEquatableArray(), required.ToEquatableArray(), EquatableArray<string>.Empty);
    }
}
