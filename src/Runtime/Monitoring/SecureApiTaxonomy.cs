using Microsoft.Extensions.Compliance.Classification;

namespace SecureApi.Monitoring;

/// <summary>
/// SecureApi's data classes, in the terms of Microsoft.Extensions.Compliance: <c>[Sensitive]</c> and <c>[Encrypted]</c>
/// members carry them, and AddSecureApi registers a redactor that erases both, so a log sink that is handed one of
/// their values (through a redaction-aware logger) never receives it.
/// </summary>
public static class SecureApiTaxonomy
{
    /// <summary>The taxonomy's name.</summary>
    public const string Name = "SecureApi";

    /// <summary>Stored but never written to a response or a log.</summary>
    public static DataClassification Sensitive { get; } = new(Name, nameof(Sensitive));

    /// <summary>Stored encrypted; never written to a log.</summary>
    public static DataClassification Encrypted { get; } = new(Name, nameof(Encrypted));
}
