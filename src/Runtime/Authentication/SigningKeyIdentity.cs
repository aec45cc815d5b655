using System.Runtime.CompilerServices;
using Microsoft.IdentityModel.Tokens;

namespace SecureApi.Authentication;

/// <summary>
/// A signing key's <c>kid</c> and RFC 7638 thumbprint. JwtBearer reads the authority's JWKS into new key objects on
/// every refresh, so the validated-token cache compares keys by what they are, not by which object holds them.
/// </summary>
internal sealed record SigningKeyIdentity(string? KeyId, string Material)
{
    // Computed once per key object: a thumbprint is a SHA-256 over the key's JSON form, too dear for every request.
    private static readonly ConditionalWeakTable<SecurityKey, SigningKeyIdentity> Known = new();

    public static SigningKeyIdentity Of(SecurityKey key) => Known.GetValue(key, static k => new(k.KeyId, Thumbprint(k)));

    private static string Thumbprint(SecurityKey key)
    {
        try
        {
            if (key.CanComputeJwkThumbprint())
            {
                return Convert.ToBase64String(key.ComputeJwkThumbprint());
            }
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or System.Security.Cryptography.CryptographicException)
        {
        }

        // No thumbprint: this key object is equal only to itself, so a token it validated is a hit only while the
        // very same object is still offered.
        return "object:" + Guid.NewGuid().ToString("N");
    }
}
