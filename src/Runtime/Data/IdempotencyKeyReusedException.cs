namespace SecureApi.Data;

/// <summary>An <c>Idempotency-Key</c> the caller already used with a different request body: answered with 422.</summary>
public sealed class IdempotencyKeyReusedException() : Exception("This Idempotency-Key was already used with a different request body.");
