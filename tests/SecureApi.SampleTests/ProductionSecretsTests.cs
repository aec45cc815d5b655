using System.Net;
using SecureApi.SampleTests.Infrastructure;

namespace SecureApi.SampleTests;

/// <summary>
/// Outside Development every secret comes from configuration: a missing one stops start-up with the name of the setting,
/// never a random or development value in its place. The sample has resources with <c>[Encrypted]</c> members, so it
/// needs the cursor key, the engine and the encryption keys.
/// </summary>
public sealed class ProductionSecretsTests
{
    private static readonly string CursorKey = Convert.ToBase64String(new byte[32]);

    [Fact]
    public async Task InProductionWithEverySettingTheSampleStarts()
    {
        await using var storage = new SqliteTarget();
        await using var factory = Production(storage, new());
        using var client = factory.CreateClient(new() { BaseAddress = new Uri("https://localhost") });

        using var response = await client.GetAsync(new Uri("/notes", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task InProductionAMissingCursorKeyFailsStartUpNamingIt()
    {
        var failure = await StartUpFailureAsync(new() { ["SecureApi:Cursors:Key"] = null });

        Assert.Contains("SecureApi:Cursors:Key is not set", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InProductionAMissingEngineFailsStartUpNamingIt()
    {
        var failure = await StartUpFailureAsync(new() { ["SecureApi:Database:Engine"] = null });

        Assert.Contains("SecureApi:Database:Engine is not set", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APostgreSqlEngineWithoutAConnectionStringFailsStartUpNamingIt()
    {
        var failure = await StartUpFailureAsync(new() { ["SecureApi:Database:Engine"] = "PostgreSql" });

        Assert.Contains("SecureApi:Database:PostgreSql is not set", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingActiveEncryptionKeyFailsStartUpNamingIt()
    {
        var failure = await StartUpFailureAsync(new() { ["SecureApi:Encryption:ActiveKeyId"] = "k9" });

        Assert.Contains("SecureApi:Encryption:Keys:k9 is not set", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AShortCursorKeyFailsStartUpNamingIt()
    {
        var failure = await StartUpFailureAsync(new() { ["SecureApi:Cursors:Key"] = Convert.ToBase64String(new byte[16]) });

        Assert.Contains("SecureApi:Cursors:Key must be base64 of at least 32 random bytes", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InDevelopmentTheSampleStartsWithoutACursorKeyOrEngine()
    {
        await using var storage = new SqliteTarget();
        await using var factory = storage.CreateFactory();

        using var response = await factory.AnonymousClient().GetAsync(new Uri("/notes", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    /// <summary>The sample in Production with every setting but those <paramref name="changes"/> remove or change.</summary>
    private static SampleFactory Production(SqliteTarget storage, Dictionary<string, string?> changes)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["SecureApi:Cursors:Key"] = CursorKey,
            ["SecureApi:Database:Engine"] = "Sqlite",
        };
        foreach (var (key, value) in changes)
        {
            settings[key] = value;
        }

        return new SampleFactory(storage, settings) { Environment = "Production" };
    }

    private static async Task<string> StartUpFailureAsync(Dictionary<string, string?> changes)
    {
        await using var storage = new SqliteTarget();
        await using var factory = Production(storage, changes);
        return Assert.ThrowsAny<Exception>(() => factory.CreateClient()).ToString();
    }
}
