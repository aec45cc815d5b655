namespace SecureApi.Generators.Tests.Scenarios;

/// <summary>
/// [UntrustedText] on a resource member (rejecting) and on a request member (quarantining): the generated create screens
/// both after validation and before the store; a hand-written endpoint screens its body's member too.
/// </summary>
internal static class UntrustedTextMembers
{
    public static readonly SnapshotScenario Scenario = new(nameof(UntrustedTextMembers), """
        namespace Shop;

        [Resource("comments")]
        public sealed record Comment
        {
            [Key]
            public Guid Id { get; init; }

            [Owner]
            public string OwnerId { get; init; } = "";

            [MaxLength(200)]
            public required string Subject { get; init; }

            [MaxLength(4000), UntrustedText]
            public required string Text { get; init; }
        }

        public sealed record NewComment(
            [Required, MaxLength(200), UntrustedText(UntrustedTextMode.Quarantine)] string Subject,
            [Required, MaxLength(4000)] string Text);

        public sealed record Question([Required, MaxLength(500), UntrustedText] string Text);

        [Endpoints("/comments")]
        public sealed partial class CommentsApi
        {
            [Post("")]
            public partial Task<Comment> Create(NewComment body);

            [Post("/ask")]
            public string Ask(Question body) => "received";
        }
        """);
}
