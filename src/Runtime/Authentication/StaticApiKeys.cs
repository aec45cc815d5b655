using System.Security.Cryptography;
using System.Text;

namespace SecureApi.Authentication;

/// <summary>The configured keys (<c>SecureApi:Authentication:ApiKeys:Static</c>), matched by SHA-256 in constant time.</summary>
internal static class StaticApiKeys
{
    /// <summary>The configured key <paramref name="presented"/> is, with its <c>key_id</c>, or null.</summary>
    public static (ApiKeyCredential Credential, string Id)? Find(List<ApiKeyCredential> configured, string presented)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(presented), hash);
        for (var i = 0; i < configured.Count; i++)
        {
            if (Matches(configured[i].Sha256, hash))
            {
                return (configured[i], configured[i].Id is { Length: > 0 } id ? id : "static-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return null;
    }

    private static bool Matches(string expectedHex, ReadOnlySpan<byte> actual)
    {
        Span<byte> expected = stackalloc byte[SHA256.HashSizeInBytes];
        return expectedHex.Length == SHA256.HashSizeInBytes * 2 &&
               Convert.FromHexString(expectedHex, expected, out _, out var written) == System.Buffers.OperationStatus.Done &&
               written == expected.Length &&
               CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
