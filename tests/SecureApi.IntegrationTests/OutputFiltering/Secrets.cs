using System.Text;

namespace SecureApi.IntegrationTests.OutputFiltering;

/// <summary>Real-shaped secrets made for the tests: checksums valid, values never used anywhere.</summary>
internal static class Secrets
{
    public static string Jwt { get; } =
        Base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + Base64Url("{\"sub\":\"alice\",\"scope\":\"notes\",\"exp\":1893456000}") + ".c2lnbmF0dXJlLW5vdC1yZWFsLWJ1dC1sb25nLWVub3VnaA";

    /// <summary>A key in SecureApi's own format, minted by the same code the service mints with.</summary>
    public static string SecureApiKey { get; } = SecureApi.Authentication.ApiKeyFormat.Create().Key;

    public static string PrivateKey { get; } = string.Join('\n',
        "-----BEGIN RSA PRIVATE KEY-----",
        "MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun",
        "VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK",
        "LxoS2tFczGkPLPgizskuemMghRniWaoLcyehkd3qqGElvW/VDL5AaWTg0nLVkjRo",
        "9z+40RQzuVaE8AkAFmxZzow3x+VJYKdjykkJ0iT9wCS0DRTXu269V264Vf/3jvre",
        "-----END RSA PRIVATE KEY-----");

    private static string Base64Url(string json) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
