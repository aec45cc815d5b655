using SecureApi.RateLimiting;

namespace SecureApi.IntegrationTests;

/// <summary>
/// The kept RateLimit-Policy text is reused only for the policy and permit count it was written for: another tier's
/// permits or another policy gets its own text.
/// </summary>
public sealed class RateLimitPolicyHeaderTests
{
    [Fact]
    public void AnotherPermitCountOfThePolicyGetsItsOwnText()
    {
        var policy = Policy("per-user");
        RateLimitPolicyHeader.For(policy, 100);

        Assert.Equal("\"per-user\";q=50;w=60", RateLimitPolicyHeader.For(policy, 50));
    }

    [Fact]
    public void AnotherPolicyWithTheSamePermitsGetsItsOwnText()
    {
        RateLimitPolicyHeader.For(Policy("per-user"), 100);

        Assert.Equal("\"reports\";q=100;w=60", RateLimitPolicyHeader.For(Policy("reports"), 100));
    }

    [Fact]
    public void AConcurrencyPolicyNamesNoWindow()
    {
        Assert.Equal("\"uploads\";q=4", RateLimitPolicyHeader.For(Policy("uploads", RateLimitKind.Concurrency), 4));
    }

    private static RateLimitPolicy Policy(string name, RateLimitKind kind = RateLimitKind.FixedWindow) =>
        new(name, kind, 100, TimeSpan.FromMinutes(1), 1, 1, 0, RatePartition.Caller);
}
