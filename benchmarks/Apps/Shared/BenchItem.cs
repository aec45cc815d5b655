namespace SecureApi.Bench;

/// <summary>An owned item as every comparison app answers it (camelCase JSON: id, ownerId, name, quantity).</summary>
public sealed record BenchItem(Guid Id, string OwnerId, string Name, int Quantity);
