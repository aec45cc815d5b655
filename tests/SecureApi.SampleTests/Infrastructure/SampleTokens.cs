using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace SecureApi.SampleTests.Infrastructure;

/// <summary>
/// An identity provider for the sample under test: the sample trusts its RSA public key through
/// <c>SecureApi:Authentication:Jwt</c> (<see cref="Settings"/>), and only the tests hold the private key. Tokens are
/// RFC 9068 access tokens: <c>typ: at+jwt</c>, RS256, <c>iss</c>, <c>aud</c>, <c>sub</c>, <c>client_id</c>, <c>jti</c>,
/// <c>iat</c>, <c>exp</c> half an hour on, and space-separated <c>scope</c>.
/// </summary>
public static class SampleTokens
{
    public const string Issuer = "https://login.sampletests.test";
    public const string Audience = "api://notes-sample";
    public const string KeyId = "sampletests-rsa-1";

    private static readonly RSA s_key = RSA.Create(2048);

    /// <summary>The sample's JWT configuration: this issuer, this audience, the public key only.</summary>
    public static IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
    {
        ["SecureApi:Authentication:Jwt:Issuers:0"] = Issuer,
        ["SecureApi:Authentication:Jwt:Audiences:0"] = Audience,
        ["SecureApi:Authentication:Jwt:SigningKeys:0:Id"] = KeyId,
        ["SecureApi:Authentication:Jwt:SigningKeys:0:PublicKeyPem"] = s_key.ExportSubjectPublicKeyInfoPem(),
    };

    /// <summary>A person signed in through a web or mobile app (<c>client_id</c> the app).</summary>
    public static string Person(string subject, string tenant, params string[] scopes) =>
        Sign(Claims(subject, "notes-web", tenant, scopes));

    /// <summary>
    /// What a token exchange (RFC 8693) gives <paramref name="agent"/> acting for <paramref name="subject"/>: the user's
    /// <c>sub</c> and tenant, <c>act</c> the JSON object <c>{"sub": agent}</c>, no <c>client_kind</c> (the <c>act</c>
    /// claim makes the caller an agent).
    /// </summary>
    public static string Agent(string subject, string agent, string tenant, params string[] scopes)
    {
        var claims = Claims(subject, agent, tenant, scopes);
        claims["act"] = new JsonObject { ["sub"] = agent };
        return Sign(claims);
    }

    /// <summary>A client-credentials token: no user, so <c>sub</c> is the client itself; <c>client_kind</c> service.</summary>
    public static string Service(string clientId, string tenant, params string[] scopes)
    {
        var claims = Claims(clientId, clientId, tenant, scopes);
        claims["client_kind"] = "service";
        return Sign(claims);
    }

    private static JsonObject Claims(string subject, string clientId, string tenant, string[] scopes)
    {
        var now = DateTimeOffset.UtcNow;
        return new JsonObject
        {
            ["iss"] = Issuer,
            ["aud"] = Audience,
            ["sub"] = subject,
            ["client_id"] = clientId,
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.AddMinutes(30).ToUnixTimeSeconds(),
            ["tenant"] = tenant,
            ["scope"] = string.Join(' ', scopes),
        };
    }

    private static string Sign(JsonObject claims) => TestTokens.Rs256(s_key, claims, KeyId);
}
