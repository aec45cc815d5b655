using System.Net;
using SecureApi.SampleTests.Infrastructure;
using SecureApi.Testing;
using static SecureApi.SampleTests.Infrastructure.Api;

namespace SecureApi.SampleTests;

/// <summary>
/// <c>/admin/keys</c> is on the <c>sensitive</c> policy, whose lockout (as shipped: 5 failures in 15 minutes) counts
/// 403s: a non-admin who keeps trying to mint keys is locked out of minting with a 429 and an honest Retry-After, before
/// authorisation even runs, while admins keep minting.
/// </summary>
public sealed class LockoutTests
{
    [Fact]
    public async Task FiveRefusedMintsLockANonAdminOutWithRetryAfter()
    {
        await using var storage = new SqliteTarget();
        await using var factory = storage.CreateFactory(ShippedLockout);
        var alice = factory.ClientFor("alice");
        await RefusedMintsAsync(alice, 5);

        using var locked = await alice.PostAsync("/admin/keys", Mint("lockout-bot"));

        await Problem.AssertAsync(locked, HttpStatusCode.TooManyRequests);
        Assert.True(locked.Headers.RetryAfter?.Delta > TimeSpan.Zero, "a 429 names its wait");
    }

    [Fact]
    public async Task FourRefusedMintsAreStillAnswered403()
    {
        await using var storage = new SqliteTarget();
        await using var factory = storage.CreateFactory(ShippedLockout);
        var alice = factory.ClientFor("alice");
        await RefusedMintsAsync(alice, 4);

        using var refused = await alice.PostAsync("/admin/keys", Mint("lockout-bot"));

        await AssertStatusAsync(refused, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ALockedOutNonAdminLeavesAnAdminMinting()
    {
        await using var storage = new SqliteTarget();
        await using var factory = storage.CreateFactory(ShippedLockout);
        await RefusedMintsAsync(factory.ClientFor("alice"), 5);

        using var minted = await factory.ClientFor("ada").PostAsync("/admin/keys", Mint("lockout-bot"));

        await AssertStatusAsync(minted, HttpStatusCode.Created);
    }

    /// <summary>The suite turns the lockout off; these tests restore the shipped count.</summary>
    private static Dictionary<string, string?> ShippedLockout => new()
    {
        ["SecureApi:RateLimiting:Policies:sensitive:LockoutFailures"] = "5",
    };

    private static StringContent Mint(string subject) => JsonOf(new { subject, kind = "service", scopes = "docs:read" });

    private static async Task RefusedMintsAsync(HttpClient client, int count)
    {
        for (var i = 0; i < count; i++)
        {
            using var refused = await client.PostAsync("/admin/keys", Mint("lockout-bot"));
            await AssertStatusAsync(refused, HttpStatusCode.Forbidden);
        }
    }
}
