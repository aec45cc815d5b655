namespace SecureApi.Generators.Tests.Scenarios;

/// <summary>A JSON body with two validated members, echoed back.</summary>
internal static class ValidatedBody
{
    public static readonly SnapshotScenario Scenario = new(nameof(ValidatedBody), """
        namespace Shop;

        public sealed record NewItem([Required, StringLength(40, MinimumLength = 2)] string Name, [Range(1, 100)] int Quantity);

        [Endpoints("/items")]
        public sealed partial class ItemsApi
        {
            [Post("")]
            public NewItem Create(NewItem body) => body;
        }
        """);
}
