namespace SecureApi.Generators.Tests.Scenarios;

/// <summary>
/// A resource that evolved: a renamed member, a member with a declared default, a bounded string, a retired member (its
/// column kept, no longer read, written or exposed) and a hand-written migration step — its declared schema, emitted
/// into the registration for the schema migration.
/// </summary>
internal static class EvolvingResource
{
    public static readonly SnapshotScenario Scenario = new(nameof(EvolvingResource), """
        using System.ComponentModel;

        namespace Shop;

        [Resource("articles")]
        [MigrationStep("2026-11-01-fill-summaries", Member = "Summary",
            Sqlite = "UPDATE articles SET summary = '' WHERE summary IS NULL",
            PostgreSql = "UPDATE articles SET summary = '' WHERE summary IS NULL")]
        public sealed record Article
        {
            [Key]
            public Guid Id { get; init; }

            [Owner]
            public string OwnerId { get; init; } = "";

            [Sortable, MaxLength(120), RenamedFrom("heading")]
            public required string Title { get; init; }

            [MaxLength(500)]
            public string Summary { get; init; } = "";

            [DefaultValue(0)]
            public int Stars { get; init; }

            [Retired]
            public string? Legacy { get; init; }
        }

        public sealed record NewArticle([Required, MaxLength(120)] string Title, [Required, MaxLength(500)] string Summary, [Range(0, 5)] int Stars);

        [Endpoints("/articles")]
        public sealed partial class ArticlesApi
        {
            [Get("/{id}")]
            public partial Task<Article?> Get(Guid id);

            [Post("")]
            public partial Task<Article> Create(NewArticle body);
        }
        """);
}
