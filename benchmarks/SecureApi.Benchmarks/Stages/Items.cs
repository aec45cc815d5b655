using System.ComponentModel.DataAnnotations;

namespace SecureApi.Benchmarks.Stages;

/// <summary>The run.sh apps' item, declared here too so the stage benchmarks call the code SecureApi generates for it.</summary>
[Resource("items")]
public sealed record Item
{
    [Key] public Guid Id { get; init; }
    [Owner] public string OwnerId { get; init; } = "";
    [MaxLength(200)] public required string Name { get; init; }
    [Range(0, 1000)] public int Quantity { get; init; }
}

/// <summary>The POST body.</summary>
public sealed record NewItem([Required, MaxLength(200)] string Name, [Range(0, 1000)] int Quantity);

/// <summary>The two endpoints; the benchmarks call their generated parts (JSON context, validators, store) directly.</summary>
[Endpoints("/items")]
public sealed partial class ItemsApi(ItemStore items)
{
    [Get("/{id}")] public partial Task<Item?> Get(Guid id);
    [Post("")] public partial Task<Item> Create(NewItem body);
}
