namespace SecureApi.Generators.Tests.Scenarios;

/// <summary>A resource scoped by tenant only, with a sequential <c>long</c> key, and the generated get, list and create.</summary>
internal static class TenantSequentialResource
{
    public static readonly SnapshotScenario Scenario = new(nameof(TenantSequentialResource), """
        using SecureApi.Data;

        namespace Shop;

        [Resource("shelves")]
        public sealed record Shelf
        {
            [Key, SequentialKey]
            public long Id { get; init; }

            [Tenant]
            public string TenantId { get; init; } = "";

            [MaxLength(60)]
            public required string Name { get; init; }
        }

        public sealed record NewShelf([Required, MaxLength(60)] string Name);

        [Endpoints("/shelves")]
        public sealed partial class ShelvesApi
        {
            [Get("/{id}")]
            public partial Task<Shelf?> Get(long id);

            [Get("")]
            public partial Task<Page<Shelf>> List(PageRequest page);

            [Post("")]
            public partial Task<Shelf> Create(NewShelf body);
        }
        """);
}
