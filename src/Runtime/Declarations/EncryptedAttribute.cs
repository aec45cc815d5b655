namespace SecureApi;

/// <summary>A string stored encrypted (AES-256-GCM, key id beside the ciphertext); decrypted only for the owner.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class EncryptedAttribute : Attribute;
