namespace SecureApi.Inventory;

/// <summary>The protections of an endpoint in words, the same in every view and in the diff.</summary>
internal static class Access
{
    /// <summary><c>anonymous</c>, or <c>authenticated · role admin · scope notes:read · kinds User, Agent</c>.</summary>
    public static string Describe(InventoryEndpoint endpoint)
    {
        if (endpoint.Anonymous)
        {
            return "anonymous";
        }

        var parts = new List<string> { "authenticated (" + string.Join(", ", endpoint.AuthenticationSchemes) + ")" };
        parts.AddRange(endpoint.Roles.Select(static set => "role " + string.Join(" or ", set)));
        parts.AddRange(endpoint.Scopes.Select(static set => "scope " + string.Join(" or ", set)));
        if (endpoint.ClientKinds.Count > 0)
        {
            parts.Add("client " + string.Join(" or ", endpoint.ClientKinds));
        }

        parts.AddRange(endpoint.Policies.Select(static policy => "policy " + policy));
        return string.Join(" · ", parts);
    }

    /// <summary><c>owner-scoped Note</c>, <c>admin (every row) Note</c>; <c>none</c> when it reaches no store.</summary>
    public static string Data(InventoryEndpoint endpoint) =>
        endpoint.Stores.Count == 0 ? "none" : string.Join(", ", endpoint.Stores.Select(static s => StoreLabel(s.Scope) + " " + s.Resource));

    public static string StoreLabel(string scope) => scope switch
    {
        "owner" => "owner-scoped",
        "tenant" => "tenant-scoped",
        InventoryStore.Admin => "admin (every row)",
        _ => scope,
    };

    public static string RateLimit(InventoryEndpoint endpoint) =>
        endpoint.RateLimit.Disabled ? "opted out" : endpoint.RateLimit.Policy ?? "default";

    public static string BodyCap(InventoryEndpoint endpoint) =>
        endpoint.MaxBodyBytes is { } cap ? cap.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " B" : "service default";

    public static string Suppression(InventorySuppression suppression) =>
        suppression.Id + " via " + suppression.Via + (suppression.Justification is { } why ? ": " + why : "");

    public static string Validation(InventoryValidation validation) =>
        validation.Member + " (" + string.Join(", ", validation.Rules) + ")";
}
