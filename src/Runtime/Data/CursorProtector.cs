using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace SecureApi.Data;

/// <summary>
/// Signs keyset cursors with HMAC-SHA256 over the cursor and the caller's scope, so a cursor is opaque, cannot be edited,
/// and means nothing to any other caller, list or sort order.
/// </summary>
public sealed class CursorProtector
{
    private readonly byte[] _key;

    public CursorProtector(IOptions<SecureApiOptions> options)
    {
        _key = options.Value.Cursors.Key is { Length: > 0 } configured ? Convert.FromBase64String(configured) : RandomNumberGenerator.GetBytes(32);
    }

    public string Protect(string payload, string scope)
    {
        var data = Encoding.UTF8.GetBytes(payload);
        return WebEncoders.Base64UrlEncode(data) + "." + WebEncoders.Base64UrlEncode(Mac(data, scope));
    }

    /// <summary>The payload of a cursor issued for <paramref name="scope"/>; null when it was altered or issued to someone else.</summary>
    public string? Unprotect(string cursor, string scope)
    {
        var dot = cursor.IndexOf('.');
        if (dot <= 0)
        {
            return null;
        }

        try
        {
            var data = WebEncoders.Base64UrlDecode(cursor, 0, dot);
            var mac = WebEncoders.Base64UrlDecode(cursor, dot + 1, cursor.Length - dot - 1);
            return CryptographicOperations.FixedTimeEquals(mac, Mac(data, scope)) ? Encoding.UTF8.GetString(data) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private byte[] Mac(byte[] data, string scope)
    {
        var scoped = Encoding.UTF8.GetBytes(scope + "\n").Concat(data).ToArray();
        return HMACSHA256.HashData(_key, scoped);
    }
}
