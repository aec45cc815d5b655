namespace SecureApi.Generators.Tests.Scenarios;

/// <summary>The output firewall: an endpoint whose whole response is filtered, and a member filtered wherever it is written.</summary>
internal static class FilteredOutput
{
    public static readonly SnapshotScenario Scenario = new(nameof(FilteredOutput), """
        namespace Shop;

        public sealed record Review(Guid Id, [FilterOutput] string Text, int Stars);

        public sealed record Question([Required, MaxLength(200)] string Text);

        public sealed record Answer(string Text);

        [Endpoints("/reviews")]
        public sealed partial class ReviewsApi
        {
            [Get("/{id}")]
            public Review Get(Guid id) => new(id, "", 5);

            [Post("/ask"), FilterOutput]
            public Answer Ask(Question body) => new(body.Text);
        }
        """);
}
