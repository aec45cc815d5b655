using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace SecureApi.Authentication;

/// <summary>The <c>alg</c> allow-list: derived from the key types, or configured and checked against them.</summary>
internal static class JwtAlgorithms
{
    private static readonly string[] Hmac = [SecurityAlgorithms.HmacSha256, SecurityAlgorithms.HmacSha384, SecurityAlgorithms.HmacSha512];

    private static readonly string[] Rsa =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
    ];

    private static readonly string[] Ec = [SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512];

    public static string[] Resolve(string[] configured, SecurityKey[] keys, bool fromAuthority, string source)
    {
        // What the keys can verify: an authority's keys are unknown until fetched, but they are public keys.
        var possible = fromAuthority
            ? [.. Rsa, .. Ec]
            : keys.SelectMany(static key => key switch
            {
                SymmetricSecurityKey => Hmac,
                RsaSecurityKey => Rsa,
                ECDsaSecurityKey ec => [ForCurve(ec.ECDsa)!],
                _ => [],
            }).Distinct(StringComparer.Ordinal).ToArray();

        if (configured.Length == 0)
        {
            return possible;
        }

        foreach (var algorithm in configured)
        {
            if (!possible.Contains(algorithm, StringComparer.Ordinal))
            {
                throw JwtSettings.Invalid(source, "Algorithms", $"lists '{algorithm}', which the configured keys cannot verify (allowed here: {string.Join(", ", possible)}).");
            }
        }

        return configured;
    }

    public static string? ForCurve(ECDsa ec) => ec.KeySize switch
    {
        256 => SecurityAlgorithms.EcdsaSha256,
        384 => SecurityAlgorithms.EcdsaSha384,
        521 => SecurityAlgorithms.EcdsaSha512,
        _ => null,
    };
}
