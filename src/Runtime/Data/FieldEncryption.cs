using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace SecureApi.Data;

/// <summary>
/// AES-256-GCM for <c>[Encrypted]</c> members. A value is stored as <c>v1.{keyId}.{base64(nonce|ciphertext|tag)}</c>,
/// so old rows stay readable after <c>ActiveKeyId</c> moves to a new key. The associated data binds a ciphertext to its
/// table, column, row and owner: copied into another row it no longer decrypts.
/// </summary>
public sealed class FieldEncryption(IOptionsMonitor<SecureApiOptions> options)
{
    private const string Version = "v1";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    // Keys decoded once per configuration snapshot, not once per value: lists decrypt a column per row.
    private DecodedKeys? _decoded;

    public string Encrypt(string plaintext, string associatedData)
    {
        var settings = options.CurrentValue.Encryption;
        var keyId = settings.ActiveKeyId ?? throw new InvalidOperationException("SecureApi:Encryption:ActiveKeyId is not configured; [Encrypted] members need a key.");
        var key = KeyFor(keyId);
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[NonceSize + plain.Length + TagSize];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(key, TagSize))
        {
            aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize, plain.Length), sealedBytes.AsSpan(NonceSize + plain.Length), Encoding.UTF8.GetBytes(associatedData));
        }

        return $"{Version}.{keyId}.{Convert.ToBase64String(sealedBytes)}";
    }

    public string Decrypt(string stored, string associatedData)
    {
        var parts = stored.Split('.');
        if (parts.Length != 3 || parts[0] != Version)
        {
            throw new CryptographicException("The stored value is not in SecureApi's encrypted format.");
        }

        var key = KeyFor(parts[1]);
        var sealedBytes = Convert.FromBase64String(parts[2]);
        var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
        using (var aes = new AesGcm(key, TagSize))
        {
            aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize, plain.Length), sealedBytes.AsSpan(NonceSize + plain.Length), plain, Encoding.UTF8.GetBytes(associatedData));
        }

        return Encoding.UTF8.GetString(plain);
    }

    private byte[] KeyFor(string keyId)
    {
        var settings = options.CurrentValue.Encryption;
        var decoded = _decoded;
        if (decoded is null || !ReferenceEquals(decoded.Source, settings))
        {
            decoded = new DecodedKeys(settings, new Dictionary<string, byte[]>(StringComparer.Ordinal));
            _decoded = decoded; // one reference write; a race only decodes twice, each snapshot's dictionary filled under its own lock
        }

        var keys = decoded.Keys;
        lock (keys)
        {
            if (keys.TryGetValue(keyId, out var cached))
            {
                return cached;
            }

            if (!settings.Keys.TryGetValue(keyId, out var encoded))
            {
                throw new CryptographicException($"Encryption key '{keyId}' is not configured under SecureApi:Encryption:Keys.");
            }

            var key = Convert.FromBase64String(encoded);
            if (key.Length != 32)
            {
                throw new CryptographicException($"Encryption key '{keyId}' must be 32 bytes (AES-256).");
            }

            keys[keyId] = key;
            return key;
        }
    }

    private sealed record DecodedKeys(EncryptionOptions Source, Dictionary<string, byte[]> Keys);
}
