
namespace SecureApi.Data;

/// <summary>The <c>SecureApi:Encryption</c> section: keys by id (base64, 32 bytes each) and the id new values use.</summary>
public sealed class EncryptionOptions
{
    public string? ActiveKeyId { get; set; }

    public Dictionary<string, string> Keys { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The job that re-encrypts existing values to <see cref="ActiveKeyId"/> (<c>SecureApi:Encryption:ReEncryption</c>).</summary>
    public Migrations.ReEncryptionOptions ReEncryption { get; set; } = new();
}
