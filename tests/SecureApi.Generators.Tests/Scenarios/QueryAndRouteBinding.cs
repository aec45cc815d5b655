namespace SecureApi.Generators.Tests.Scenarios;

/// <summary>Route and query parameters: text and number from the route, an enum, an optional, a renamed and a defaulted query value.</summary>
internal static class QueryAndRouteBinding
{
    public static readonly SnapshotScenario Scenario = new(nameof(QueryAndRouteBinding), """
        namespace Shop;

        public enum Color
        {
            Red,
            Green,
        }

        [Endpoints("/shops/{shop}/items")]
        public sealed partial class ItemsApi
        {
            [Get("/{id}")]
            public string Get(string shop, int id, Color color, int? limit, [Query(Name = "page_size")] int size = 20) =>
                $"{shop}/{id}/{color}/{limit}/{size}";
        }
        """);
}
