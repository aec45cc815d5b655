using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using SecureApi.Data.Migrations;

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

    // Which columns may still hold plaintext from before they became [Encrypted] (their conversion is running).
    private readonly ReEncryptionProgress? _progress;

    // Keys decoded once per configuration snapshot, not once per value: lists decrypt a column per row.
    private DecodedKeys? _decoded;

    internal FieldEncryption(IOptionsMonitor<SecureApiOptions> options, ReEncryptionProgress progress)
        : this(options) => _progress = progress;

    /// <summary>The key id new values are sealed with (<c>SecureApi:Encryption:ActiveKeyId</c>).</summary>
    internal string ActiveKeyId => options.CurrentValue.Encryption.ActiveKeyId
        ?? throw new InvalidOperationException("SecureApi:Encryption:ActiveKeyId is not configured; [Encrypted] members need a key.");

    public string Encrypt(string plaintext, string associatedData)
    {
        var keyId = ActiveKeyId;
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
        if (!TryParse(stored, out var keyId, out var sealedBytes))
        {
            throw new CryptographicException("The stored value is not in SecureApi's encrypted format.");
        }

        return TryOpen(KeyFor(keyId), sealedBytes, associatedData, out var plaintext)
            ? plaintext
            : throw new AuthenticationTagMismatchException("The stored value does not authenticate for its row.");
    }

    /// <summary>
    /// Reads the stored value of an <c>[Encrypted]</c> column: <see cref="Decrypt"/>, except in a column converting from
    /// plaintext (it became encrypted with rows in it). There a value may still be what was written before, and it is
    /// ciphertext only if it authenticates for this row (AES-GCM's tag, not the value's shape); anything else is that
    /// earlier plaintext.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public string DecryptStored(string stored, string associatedData, string table, string column) =>
        _progress is not null && _progress.MayHoldPlaintext(table, column)
            ? Classify(stored, associatedData, plaintextPossible: true).Plaintext
            : Decrypt(stored, associatedData);

    /// <summary>
    /// What a stored value holds: its plaintext, and the key it is sealed with (null when it is plaintext, which only a
    /// column converting from plaintext may hold). A value in the format under a key that is not configured throws
    /// either way: without the key nobody can tell ciphertext from look-alike text, and guessing could lose data.
    /// </summary>
    internal StoredValue Classify(string stored, string associatedData, bool plaintextPossible)
    {
        if (!plaintextPossible)
        {
            return new StoredValue(Decrypt(stored, associatedData), KeyIdOf(stored));
        }

        if (!TryParse(stored, out var keyId, out var sealedBytes))
        {
            return new StoredValue(stored, null);
        }

        // The GCM tag decides, not the shape: text written before the member became encrypted cannot authenticate for
        // this row unless it is a ciphertext the service sealed for exactly this row, column and owner.
        return TryOpen(KeyFor(keyId), sealedBytes, associatedData, out var plaintext)
            ? new StoredValue(plaintext, keyId)
            : new StoredValue(stored, null);
    }

    /// <summary>The key id a value in the encrypted format names, without decrypting it; null for anything else.</summary>
    internal static string? KeyIdOf(string stored) => TryParse(stored, out var keyId, out _) ? keyId : null;

    private static bool TryParse(string stored, [NotNullWhen(true)] out string? keyId, [NotNullWhen(true)] out byte[]? sealedBytes)
    {
        keyId = null;
        sealedBytes = null;
        var parts = stored.Split('.');
        if (parts.Length != 3 || parts[0] != Version || parts[1].Length == 0)
        {
            return false;
        }

        var buffer = new byte[parts[2].Length];
        if (!Convert.TryFromBase64String(parts[2], buffer, out var written) || written < NonceSize + TagSize)
        {
            return false;
        }

        keyId = parts[1];
        sealedBytes = buffer.AsSpan(0, written).ToArray();
        return true;
    }

    private static bool TryOpen(byte[] key, byte[] sealedBytes, string associatedData, [NotNullWhen(true)] out string? plaintext)
    {
        var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        try
        {
            aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize, plain.Length), sealedBytes.AsSpan(NonceSize + plain.Length), plain, Encoding.UTF8.GetBytes(associatedData));
        }
        catch (AuthenticationTagMismatchException)
        {
            plaintext = null;
            return false;
        }

        plaintext = Encoding.UTF8.GetString(plain);
        return true;
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

/// <summary>A stored value read: its plaintext, and the key id it was sealed with (null: it was plaintext).</summary>
internal readonly record struct StoredValue(string Plaintext, string? KeyId);
