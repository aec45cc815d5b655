namespace SecureApi.Generators.Tests.Scenarios;

/// <summary>The smallest endpoint: anonymous, static, no parameters, a string result.</summary>
internal static class AnonymousStaticEndpoint
{
    public static readonly SnapshotScenario Scenario = new(nameof(AnonymousStaticEndpoint), """
        namespace Shop;

        [Endpoints("/status"), AllowAnonymous]
        public sealed partial class StatusApi
        {
            [Get("")]
            public static string Ping() => "pong";
        }
        """);
}
