namespace SecureApi.Bench;

/// <summary>GET an owned item by id and POST a validated body: bodies generated on the caller-scoped store.</summary>
[Endpoints("/items")]
public sealed partial class ItemsApi(ItemStore items)
{
    [Get("/{id}")] public partial Task<Item?> Get(Guid id);
    [Post("")] public partial Task<Item> Create(NewItem body);
}
