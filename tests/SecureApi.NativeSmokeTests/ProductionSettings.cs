using System.Security.Cryptography;

namespace SecureApi.NativeSmokeTests;

/// <summary>
/// The environment a smoke-tested service starts with: Production, so no development key, secret or default is there
/// to lean on, and every secret arrives as an operator would give it — through environment variables.
/// </summary>
internal static class ProductionSettings
{
    /// <summary>Requests per minute a caller gets on the notes endpoints (their <c>per-user</c> policy), small for the burst test.</summary>
    public const int NotesPermitsPerMinute = 10;

    /// <summary>The sample's body cap (<c>SecureApi:MaxRequestBodyBytes</c> in its appsettings.json).</summary>
    public const int MaxRequestBodyBytes = 65536;

    public static Dictionary<string, string> For(string sqlitePath) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["DOTNET_ENVIRONMENT"] = "Production",
        // Port 0: the operating system picks a free loopback port, which the service logs ("Now listening on: …").
        ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        ["SecureApi__Database__Engine"] = "Sqlite",
        ["SecureApi__Database__SqlitePath"] = sqlitePath,
        ["SecureApi__Cursors__Key"] = RandomKey(),
        ["SecureApi__Encryption__ActiveKeyId"] = "smoke-1",
        ["SecureApi__Encryption__Keys__smoke-1"] = RandomKey(),
        ["SecureApi__Authentication__Jwt__Issuers__0"] = SmokeIdentityProvider.Issuer,
        ["SecureApi__Authentication__Jwt__Audiences__0"] = SmokeIdentityProvider.Audience,
        ["SecureApi__Authentication__Jwt__SigningKeys__0__Id"] = SmokeIdentityProvider.KeyId,
        ["SecureApi__Authentication__Jwt__SigningKeys__0__PublicKeyPem"] = SmokeIdentityProvider.PublicKeyPem,
        // TLS ends at a proxy in front of the service, as in a cluster: the service trusts that proxy's X-Forwarded-Proto
        // and keeps RequireHttps on (SmokeClient sends the header, as the proxy would).
        ["SecureApi__ForwardedHeaders__KnownProxies__0"] = "127.0.0.1",
        ["SecureApi__RateLimiting__Policies__per-user__Permits"] = NotesPermitsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static string RandomKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
