using Microsoft.Extensions.Compliance.Classification;

namespace SecureApi;

/// <summary>
/// Stored but never written to a response: the generated JSON metadata leaves it out. Classified
/// <see cref="Monitoring.SecureApiTaxonomy.Sensitive"/>, which the logging redactor erases.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class SensitiveAttribute() : DataClassificationAttribute(Monitoring.SecureApiTaxonomy.Sensitive);
