using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace SecureApi.NativeSmokeTests;

/// <summary>
/// The identity provider of the smoke run: the services trust only its RSA public key (as in production, no symmetric
/// key), and only the tests hold the private key. Tokens are RFC 9068 access tokens (<c>typ: at+jwt</c>, RS256).
/// </summary>
public static class SmokeIdentityProvider
{
    public const string Issuer = "https://login.smoke.test";
    public const string Audience = "api://notes-smoke";
    public const string KeyId = "smoke-rsa-1";

    // One key per test run, held in memory only.
    private static readonly RSA s_key = RSA.Create(2048);

    public static string PublicKeyPem { get; } = s_key.ExportSubjectPublicKeyInfoPem();

    /// <summary>A person signed in to a notes app, holding <c>notes:read notes:write</c>, for half an hour.</summary>
    public static string Person(string subject)
    {
        var now = DateTimeOffset.UtcNow;
        var claims = new JsonObject
        {
            ["iss"] = Issuer,
            ["aud"] = Audience,
            ["sub"] = subject,
            ["client_id"] = "notes-web",
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.AddMinutes(30).ToUnixTimeSeconds(),
            ["tenant"] = "acme",
            ["scope"] = "notes:read notes:write",
        };
        return TestTokens.Rs256(s_key, claims, KeyId);
    }
}
