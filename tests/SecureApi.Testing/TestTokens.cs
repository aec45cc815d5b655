using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace SecureApi.Testing;

/// <summary>
/// Builds JWTs by hand — header, payload and signature exactly as a test wants them, including the malformed and
/// hostile ones no token library would write. Shared by the JWT tests of the test service and of the sample.
/// </summary>
public static class TestTokens
{
    public const string Issuer = "https://issuer.test";
    public const string Audience = "secureapi-tests";

    /// <summary>The claims of a good access token for <paramref name="subject"/>: one hour, issued now.</summary>
    public static JsonObject Claims(string? subject = "alice", DateTimeOffset? now = null)
    {
        var at = now ?? DateTimeOffset.UtcNow;
        var claims = new JsonObject
        {
            ["iss"] = Issuer,
            ["aud"] = Audience,
            ["iat"] = at.ToUnixTimeSeconds(),
            ["nbf"] = at.ToUnixTimeSeconds(),
            ["exp"] = at.AddMinutes(30).ToUnixTimeSeconds(),
            ["tenant"] = "acme",
        };
        if (subject is not null)
        {
            claims["sub"] = subject;
        }

        return claims;
    }

    public static JsonObject Header(string alg, string? kid = null, string? typ = "at+jwt")
    {
        var header = new JsonObject { ["alg"] = alg };
        if (typ is not null)
        {
            header["typ"] = typ;
        }

        if (kid is not null)
        {
            header["kid"] = kid;
        }

        return header;
    }

    /// <summary>header.payload.signature, signing header.payload with <paramref name="sign"/> (no signature when null).</summary>
    public static string Encode(JsonObject header, JsonObject payload, Func<byte[], byte[]>? sign)
    {
        var signingInput = Base64Url(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + Base64Url(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        var signature = sign is null ? "" : Base64Url(sign(Encoding.ASCII.GetBytes(signingInput)));
        return signingInput + "." + signature;
    }

    public static string Rs256(RSA key, JsonObject payload, string kid, string typ = "at+jwt") =>
        Encode(Header("RS256", kid, typ), payload, Rsa(key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

    public static Func<byte[], byte[]> Rsa(RSA key, HashAlgorithmName hash, RSASignaturePadding padding) =>
        data => key.SignData(data, hash, padding);

    /// <summary>The issuer <c>dotnet user-jwts</c> writes.</summary>
    public const string UserJwtsIssuer = "dotnet-user-jwts";

    /// <summary>
    /// A token shaped exactly as <c>dotnet user-jwts create --name alice --claim tenant=acme --scope notes:read --scope
    /// notes:write --valid-for 1h</c> mints it: HS256, <c>typ: JWT</c>, no <c>kid</c>, <c>scope</c> an array.
    /// </summary>
    public static string UserJwt(byte[] secret, string audience, Action<JsonObject>? change = null)
    {
        var now = DateTimeOffset.UtcNow;
        var claims = new JsonObject
        {
            ["unique_name"] = "alice",
            ["sub"] = "alice",
            ["jti"] = "4d3a7730",
            ["scope"] = new JsonArray("notes:read", "notes:write"),
            ["tenant"] = "acme",
            ["aud"] = audience,
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.AddHours(1).ToUnixTimeSeconds(),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["iss"] = UserJwtsIssuer,
        };
        change?.Invoke(claims);
        return Encode(Header("HS256", kid: null, typ: "JWT"), claims, Hmac256(secret));
    }

    public static Func<byte[], byte[]> Hmac256(byte[] secret) => data => HMACSHA256.HashData(secret, data);

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '='));
    }
}
