using Microsoft.Extensions.Compliance.Classification;

namespace SecureApi;

/// <summary>
/// A string stored encrypted (AES-256-GCM, key id beside the ciphertext); decrypted only for the owner. Classified
/// <see cref="Monitoring.SecureApiTaxonomy.Encrypted"/>, which the logging redactor erases.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class EncryptedAttribute() : DataClassificationAttribute(Monitoring.SecureApiTaxonomy.Encrypted);
