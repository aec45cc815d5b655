using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Company.Service1.Tests;

/// <summary>
/// Mints access tokens the service accepts: HS256 with a key made for this test run and given to the service through
/// configuration (<c>SecureApi:Authentication:Jwt</c>). Nothing here is a secret: the key lives as long as the run.
/// </summary>
public static class TestTokens
{
    public const string Issuer = "https://issuer.tests.invalid";
    public const string Audience = "company.service1-tests";

    private static readonly byte[] s_key = RandomNumberGenerator.GetBytes(32);

    /// <summary>The settings that make the service trust tokens signed with this run's key.</summary>
    public static IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["SecureApi:Authentication:Jwt:SigningKeys:0:Symmetric"] = Convert.ToBase64String(s_key),
        ["SecureApi:Authentication:Jwt:Issuers:0"] = Issuer,
        ["SecureApi:Authentication:Jwt:Audiences:0"] = Audience,
    };

    /// <summary>A 30-minute access token (<c>typ: at+jwt</c>) for <paramref name="subject"/> with <paramref name="scopes"/>.</summary>
    public static string For(string subject, params string[] scopes)
    {
        var now = DateTimeOffset.UtcNow;
        var header = new JsonObject { ["alg"] = "HS256", ["typ"] = "at+jwt" };
        var payload = new JsonObject
        {
            ["iss"] = Issuer,
            ["aud"] = Audience,
            ["sub"] = subject,
            ["scope"] = string.Join(' ', scopes),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.AddMinutes(30).ToUnixTimeSeconds(),
        };
        var signingInput = Base64Url(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + Base64Url(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        return signingInput + "." + Base64Url(HMACSHA256.HashData(s_key, Encoding.ASCII.GetBytes(signingInput)));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
