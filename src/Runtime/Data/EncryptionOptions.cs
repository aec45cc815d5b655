
namespace SecureApi.Data;

/// <summary>The <c>SecureApi:Encryption</c> section: keys by id (base64, 32 bytes each) and the id new values use.</summary>
public sealed class EncryptionOptions
{
    public string? ActiveKeyId { get; set; }

    public Dictionary<string, string> Keys { get; set; } = new(StringComparer.Ordinal);
}
