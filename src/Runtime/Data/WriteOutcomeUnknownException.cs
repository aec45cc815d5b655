namespace SecureApi.Data;

/// <summary>
/// The connection failed while a write was being committed, so whether it was saved cannot be known: answered with 503,
/// <c>Retry-After</c>, and the advice to retry with the same <c>Idempotency-Key</c> (which makes the retry safe).
/// </summary>
public sealed class WriteOutcomeUnknownException(Exception inner) : Exception("The connection failed while the write was committed; it may or may not have been saved.", inner);
