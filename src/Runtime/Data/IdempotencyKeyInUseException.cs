namespace SecureApi.Data;

/// <summary>Another request with the same <c>Idempotency-Key</c> is still being processed: answered with 409.</summary>
public sealed class IdempotencyKeyInUseException(Exception? inner = null) : Exception("A request with this Idempotency-Key is still being processed.", inner);
