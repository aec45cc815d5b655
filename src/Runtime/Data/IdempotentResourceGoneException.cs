namespace SecureApi.Data;

/// <summary>The resource an earlier request with this <c>Idempotency-Key</c> created has since been deleted: answered with 410.</summary>
public sealed class IdempotentResourceGoneException() : Exception("The resource created with this Idempotency-Key no longer exists.");
