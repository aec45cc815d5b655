namespace SecureApi.Data;

/// <summary>One page of a list. <see cref="NextCursor"/> continues it; it is signed and bound to the caller who got it.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);
