namespace SecureApi.Data;

/// <summary>The <c>SecureApi:Idempotency</c> section.</summary>
public sealed class IdempotencyOptions
{
    /// <summary>How long an <c>Idempotency-Key</c> is remembered; an older key is ignored and removed. Default 24 hours.</summary>
    public double RetentionHours { get; set; } = 24;
}
