namespace SecureApi.Data;

/// <summary>A write carried a version that is no longer current: answered with 412 Precondition Failed.</summary>
public sealed class ConcurrencyConflictException() : Exception("The resource was changed by someone else; read it again and retry.");
