namespace SecureApi.Generators.Tests.Scenarios;

/// <summary>An owned, versioned resource with a Guid key and the generated get, list, create, replace and delete.</summary>
internal static class OwnedResourceCrud
{
    public static readonly SnapshotScenario Scenario = new(nameof(OwnedResourceCrud), """
        using SecureApi.Data;

        namespace Shop;

        [Resource("notes")]
        public sealed record Note
        {
            [Key]
            public Guid Id { get; init; }

            [Owner]
            public string OwnerId { get; init; } = "";

            [MaxLength(200)]
            public required string Title { get; init; }

            [ConcurrencyCheck]
            public long Version { get; init; }
        }

        public sealed record NewNote([Required, MaxLength(200)] string Title);

        [Endpoints("/notes")]
        public sealed partial class NotesApi
        {
            [Get("/{id}")]
            public partial Task<Note?> Get(Guid id);

            [Get("")]
            public partial Task<Page<Note>> List(PageRequest page);

            [Post("")]
            public partial Task<Note> Create(NewNote body);

            [Put("/{id}")]
            public partial Task<Note?> Replace(Guid id, NewNote body);

            [Delete("/{id}")]
            public partial Task<bool> Delete(Guid id);
        }
        """);
}
