using Microsoft.Extensions.Configuration;

namespace SecureApi.Bench;

/// <summary>
/// The settings run.sh gives every app (environment variables <c>Bench__…</c>): the same issuer, audience and RSA
/// public key as SecureApi's <c>SecureApi:Authentication:Jwt</c>, the same rate-limit size, and the SQLite file.
/// </summary>
public static class BenchSettings
{
    public const string Issuer = "https://issuer.bench";
    public const string Audience = "bench";
    public const string KeyId = "bench";

    /// <summary>The per-caller permits in a 60-second window: high enough never to trip during a run.</summary>
    public static int RateLimitPermits(IConfiguration configuration) =>
        configuration.GetValue("Bench:RateLimitPermits", 100_000_000);

    public static string PublicKeyPem(IConfiguration configuration) =>
        configuration["Bench:PublicKeyPem"] ?? throw new InvalidOperationException("Bench:PublicKeyPem is required (run.sh sets it).");

    public static string SqlitePath(IConfiguration configuration) =>
        configuration["Bench:SqlitePath"] ?? Path.Combine(Path.GetTempPath(), $"bench-{Environment.ProcessId}.db");
}
