using System.Net;
using SecureApi.SampleTests.Infrastructure;
using SecureApi.Testing;
using static SecureApi.SampleTests.Infrastructure.Api;

namespace SecureApi.SampleTests;

/// <summary>
/// Key minting is declared <c>[RateLimit("sensitive")]</c>: with the built-in policy as shipped (10 a minute per caller
/// and endpoint), the eleventh mint in a window is a 429 ProblemDetails with an honest Retry-After, while the same admin's
/// other admin endpoints keep their own budget.
/// </summary>
public sealed class SensitiveLimitTests
{
    [Fact]
    public async Task TheEleventhMintInAWindowIsRefusedWithRetryAfter()
    {
        await using var storage = new SqliteTarget();
        await using var factory = storage.CreateFactory(new Dictionary<string, string?>
        {
            ["SecureApi:RateLimiting:Policies:sensitive:Permits"] = "10", // the shipped default, over the suite's generous override
        });
        var admin = factory.ClientFor("ada"); // the factory owns its clients
        for (var i = 0; i < 10; i++)
        {
            using var minted = await admin.PostAsync("/admin/keys", JsonOf(new { subject = "limit-bot-" + i, kind = "service", scopes = "docs:read" }));
            await AssertStatusAsync(minted, HttpStatusCode.Created);
        }

        using var refused = await admin.PostAsync("/admin/keys", JsonOf(new { subject = "limit-bot-10", kind = "service", scopes = "docs:read" }));

        await Problem.AssertAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "a 429 names its wait");
        Assert.StartsWith("\"sensitive\";q=10", refused.Headers.GetValues("RateLimit-Policy").Single(), StringComparison.Ordinal);
        using var list = await admin.GetAsync("/admin/keys");
        await AssertStatusAsync(list, HttpStatusCode.OK);
    }
}
