using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace SecureApi.Authentication;

/// <summary>Turns configured signing keys into IdentityModel keys, refusing weak, private or mixed keys at start-up.</summary>
internal static class JwtSigningKeys
{
    private const int MinSymmetricBytes = 32;
    private const int MinRsaBits = 2048;

    public static SecurityKey[] Parse(List<JwtSigningKeyOptions> configured, string source)
    {
        var keys = new SecurityKey[configured.Count];
        for (var i = 0; i < configured.Count; i++)
        {
            keys[i] = Parse(configured[i], $"SigningKeys:{i}", source);
        }

        // HMAC beside public keys would let anyone who holds the shared secret mint tokens the public keys were meant to guard.
        if (keys.Any(static k => k is SymmetricSecurityKey) && keys.Any(static k => k is not SymmetricSecurityKey))
        {
            throw JwtSettings.Invalid(source, "SigningKeys", "mixes symmetric and public keys; use one kind.");
        }

        return keys;
    }

    private static SecurityKey Parse(JwtSigningKeyOptions key, string setting, string source)
    {
        var id = string.IsNullOrWhiteSpace(key.Id) ? null : key.Id.Trim();
        var hasSymmetric = !string.IsNullOrWhiteSpace(key.Symmetric);
        var hasPem = !string.IsNullOrWhiteSpace(key.PublicKeyPem);
        if (hasSymmetric == hasPem)
        {
            throw JwtSettings.Invalid(source, setting, "needs exactly one of Symmetric or PublicKeyPem.");
        }

        return hasSymmetric ? Symmetric(key.Symmetric!, id, setting, source) : Public(key.PublicKeyPem!, id, setting, source);
    }

    private static SymmetricSecurityKey Symmetric(string base64, string? id, string setting, string source)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException)
        {
            throw JwtSettings.Invalid(source, setting + ":Symmetric", "is not base64.");
        }

        if (bytes.Length < MinSymmetricBytes)
        {
            throw JwtSettings.Invalid(source, setting + ":Symmetric", $"is shorter than {MinSymmetricBytes} bytes (openssl rand -base64 32).");
        }

        return new SymmetricSecurityKey(bytes) { KeyId = id };
    }

    private static AsymmetricSecurityKey Public(string pem, string? id, string setting, string source)
    {
        if (pem.Contains("PRIVATE KEY", StringComparison.Ordinal))
        {
            throw JwtSettings.Invalid(source, setting + ":PublicKeyPem", "holds a private key; configure only the public key.");
        }

        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
            if (rsa.KeySize < MinRsaBits)
            {
                throw JwtSettings.Invalid(source, setting + ":PublicKeyPem", $"is an RSA key shorter than {MinRsaBits} bits.");
            }

            return new RsaSecurityKey(rsa) { KeyId = id };
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            rsa.Dispose();
        }

        var ec = ECDsa.Create();
        try
        {
            ec.ImportFromPem(pem);
            _ = JwtAlgorithms.ForCurve(ec) ?? throw JwtSettings.Invalid(source, setting + ":PublicKeyPem", "is an EC key on a curve other than P-256, P-384 or P-521.");
            return new ECDsaSecurityKey(ec) { KeyId = id };
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            ec.Dispose();
            throw JwtSettings.Invalid(source, setting + ":PublicKeyPem", "is not a PEM RSA or EC public key.");
        }
    }
}
