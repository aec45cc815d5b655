namespace SecureApi.Generators.Tests.Scenarios;

/// <summary>
/// A resource everyone in a tenant reads, with a member that quarantines (and is filtered on output): its reads record
/// what the reader may not see and its JSON withholds it, with a <c>quarantined</c> list; an endpoint that uses an
/// IChatClient is filtered by default. The inventory lists both guards.
/// </summary>
internal static class QuarantinedSharedResource
{
    public static readonly SnapshotScenario Scenario = new(nameof(QuarantinedSharedResource), """
        using SecureApi.Data;

        namespace Shop;

        [Resource("wiki_pages")]
        public sealed record WikiPage
        {
            [Key]
            public Guid Id { get; init; }

            [Tenant]
            public string TenantId { get; init; } = "";

            [MaxLength(200)]
            public required string Title { get; init; }

            [MaxLength(8000), FilterOutput, UntrustedText(UntrustedTextMode.Quarantine)]
            public required string Body { get; init; }

            [ConcurrencyCheck]
            public long Version { get; init; }
        }

        public sealed record NewWikiPage([Required, MaxLength(200)] string Title, [Required, MaxLength(8000)] string Body);

        public sealed record Question([Required, MaxLength(500), UntrustedText] string Text);

        public sealed record Answer(string Text);

        [Endpoints("/wiki")]
        public sealed partial class WikiApi
        {
            [Get("/{id}")]
            public partial Task<WikiPage?> Get(Guid id);

            [Get("")]
            public partial Task<Page<WikiPage>> List(PageRequest page);

            [Post("")]
            public partial Task<WikiPage> Create(NewWikiPage body);

            [Put("/{id}")]
            public partial Task<WikiPage?> Replace(Guid id, NewWikiPage body);
        }

        [Endpoints("/assistant")]
        public sealed partial class AssistantApi(Microsoft.Extensions.AI.IChatClient chat)
        {
            [Post("/ask")]
            public Answer Ask(Question body) => new(chat.GetHashCode() == 0 ? "" : body.Text);
        }
        """);
}
