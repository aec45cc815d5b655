using System.Text.Json.Nodes;
using SecureApi.SampleTests.Infrastructure;

namespace SecureApi.SampleTests.OpenApi;

/// <summary>
/// Which test caller an operation's documented protections admit: the API-key requirement's scopes, and the role sets
/// and client kinds of its <c>x-secureapi-*</c> extensions. Callers with a tenant come first (tenant-scoped resources need one).
/// </summary>
public static class OperationCallers
{
    public const string RolesExtension = "x-secureapi-roles";
    public const string ClientKindsExtension = "x-secureapi-client-kinds";

    private static IEnumerable<TestCaller> Candidates =>
        SampleFactory.NamedCallers.Concat(SampleFactory.MatrixCallers).OrderBy(c => c.Tenant is null);

    /// <summary>The caller to send the operation's requests as; null for an anonymous operation.</summary>
    public static TestCaller? For(OpenApiDescription document, OpenApiOperation operation)
    {
        if (operation.IsAnonymous)
        {
            return null;
        }

        var apiKeySchemes = (document.Root["components"]?["securitySchemes"] as JsonObject ?? [])
            .Where(s => document.Resolve(s.Value)["type"]?.GetValue<string>() == "apiKey")
            .Select(s => s.Key)
            .ToHashSet(StringComparer.Ordinal);
        var requirement = operation.Security.FirstOrDefault(r => r.Keys.Any(apiKeySchemes.Contains))
            ?? throw new InvalidOperationException($"{operation.Name} has no security requirement an API key meets; the tests authenticate with API keys.");
        var scopes = requirement.Values.SelectMany(s => s).ToList();
        var roleSets = operation.ExtensionSets(RolesExtension);
        var kinds = operation.Extension(ClientKindsExtension);
        return Candidates.FirstOrDefault(c =>
                scopes.All(c.Scopes.Contains)
                && roleSets.All(set => set.Any(c.Roles.Contains))
                && (kinds.Count == 0 || kinds.Contains(c.ClientKind, StringComparer.OrdinalIgnoreCase)))
            ?? throw new InvalidOperationException(
                $"No test caller has scopes [{string.Join(", ", scopes)}], roles [{string.Join(" and ", roleSets.Select(set => string.Join(" or ", set)))}] and a client kind in [{string.Join(", ", kinds)}] for {operation.Name}; add one to SampleFactory.");
    }
}
