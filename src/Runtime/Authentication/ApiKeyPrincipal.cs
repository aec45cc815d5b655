using System.Security.Claims;

namespace SecureApi.Authentication;

/// <summary>
/// The principal of an API key, in the claim types every SecureApi scheme uses: <c>sub</c>, <c>tenant</c>, one
/// <c>role</c> per role, <c>scope</c> (space-separated), <c>client_kind</c>, <c>key_id</c> (never the secret), and <c>tier</c> when the key has one.
/// </summary>
internal static class ApiKeyPrincipal
{
    public static ClaimsPrincipal For((ApiKeyCredential Credential, string Id) configured) =>
        Build(configured.Id, configured.Credential.Subject, configured.Credential.Tenant, configured.Credential.Roles, configured.Credential.Scopes, ClientKindNames.Of(configured.Credential.ClientKind), configured.Credential.Tier);

    public static ClaimsPrincipal For(string id, StoredApiKey stored) =>
        Build(id, stored.Subject, stored.Tenant, stored.Roles, stored.Scopes, stored.ClientKind, stored.Tier);

    private static ClaimsPrincipal Build(string keyId, string subject, string? tenant, IEnumerable<string> roles, IReadOnlyCollection<string> scopes, string clientKind, string? tier)
    {
        var identity = new ClaimsIdentity(ApiKeyAuthenticationHandler.SchemeName, "sub", "role");
        identity.AddClaim(new Claim("sub", subject));
        if (!string.IsNullOrEmpty(tenant))
        {
            identity.AddClaim(new Claim("tenant", tenant));
        }

        foreach (var role in roles)
        {
            identity.AddClaim(new Claim("role", role));
        }

        if (scopes.Count > 0)
        {
            identity.AddClaim(new Claim("scope", string.Join(' ', scopes)));
        }

        identity.AddClaim(new Claim("client_kind", clientKind));
        identity.AddClaim(new Claim("key_id", keyId));
        if (!string.IsNullOrEmpty(tier))
        {
            identity.AddClaim(new Claim("tier", tier));
        }

        return new ClaimsPrincipal(identity);
    }
}
