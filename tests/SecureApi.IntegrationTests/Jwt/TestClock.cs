namespace SecureApi.IntegrationTests.Jwt;

/// <summary>A clock the test moves: the JWT scheme's TimeProvider, which its lifetime check, rules and cache all read.</summary>
internal sealed class TestClock : TimeProvider
{
    // Whole seconds, as exp and iat are.
    public DateTimeOffset Now { get; set; } = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());

    public override DateTimeOffset GetUtcNow() => Now;
}
