using System.Net;
using System.Net.Http.Json;
using SecureApi.SampleTests.Infrastructure;
using static SecureApi.SampleTests.Infrastructure.Api;
using static SecureApi.SampleTests.Infrastructure.KeyAdmin;

namespace SecureApi.SampleTests;

/// <summary>
/// A stored key's rate-limit tier: minted with <c>tier</c>, carried as the key's <c>tier</c> claim, and sizing its budget
/// (the notes endpoints' <c>per-user</c> policy) from the sample's <c>SecureApi:RateLimiting:Tiers</c> (free ×0.5, premium ×5 of the suite's 1,000,000 permits).
/// </summary>
public abstract class KeyTierTests(ClassDatabase database, IEngine engine) : SampleTestBase(database, engine)
{
    [Theory]
    [InlineData(null, 1_000_000)]
    [InlineData("free", 500_000)]
    [InlineData("premium", 5_000_000)]
    public async Task AKeysTierSizesItsBudget(string? tier, int permits)
    {
        var minted = await MintAsync(Factory, NewSubject(), tier: tier);
        using var client = ClientWithKey(Factory, minted.Key);

        using var response = await client.GetAsync("/notes");

        await AssertStatusAsync(response, HttpStatusCode.OK);
        Assert.StartsWith($"\"per-user\";q={permits};", response.Headers.GetValues("RateLimit-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AKeysTierIsListedWithIt()
    {
        var minted = await MintAsync(Factory, NewSubject(), tier: "premium");

        var listed = await Client("ada").GetFromJsonAsync<ApiKeyDto>("/admin/keys/" + minted.Info.Id, Options);

        Assert.Equal("premium", listed!.Tier);
    }

    [Fact]
    public async Task ATierThatIsNotANameIsRefused()
    {
        using var response = await Client("ada").PostAsync("/admin/keys", JsonOf(new { subject = NewSubject(), tier = "pre mium" }));

        await AssertStatusAsync(response, HttpStatusCode.BadRequest);
        using var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(["tier"], problem.RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    /// <summary>A keys table created before tiers existed gains the column at start-up, and its keys keep working.</summary>
    [Fact]
    public async Task AKeysTableFromBeforeTiersIsUpgradedInPlace()
    {
        var minted = await MintAsync(Factory, NewSubject());
        await Target.ExecuteAsync("ALTER TABLE secureapi_api_keys DROP COLUMN tier");

        await using var restarted = Target.CreateFactory();

        Assert.Equal(HttpStatusCode.OK, await StatusWithAsync(restarted, minted.Key));
        Assert.Equal("free", (await MintAsync(restarted, NewSubject(), tier: "free")).Info.Tier);
    }

    private static string NewSubject() => "tier-owner-" + Guid.NewGuid().ToString("N")[..12];
}

public sealed class SqliteKeyTierTests(ClassDatabase database) : KeyTierTests(database, new SqliteEngine());

[Collection(SharedPostgresServer.Name)]
public sealed class PostgresKeyTierTests(PostgresServer server, ClassDatabase database) : KeyTierTests(database, new PostgresEngine(server));
