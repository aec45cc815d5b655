using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace SecureApi.IntegrationTests.Jwt;

/// <summary>JWT configured without what it needs, or with something unsafe, stops the service at start-up (not at its first request) with a message naming the setting.</summary>
public sealed class JwtStartupTests
{
    private const string Jwt = "SecureApi:Authentication:Jwt:";

    [Fact]
    public Task MissingAudiencesStopTheService() =>
        AssertStartFails("SecureApi:Authentication:Jwt:Audiences", settings => settings.Remove(Jwt + "Audiences:0"));

    [Fact]
    public Task MissingIssuersStopTheService() =>
        AssertStartFails("SecureApi:Authentication:Jwt:Issuers", settings => settings.Remove(Jwt + "Issuers:0"));

    [Theory]
    [InlineData("none")]
    [InlineData("NONE")]
    [InlineData("HS256")]
    public Task AnAlgorithmTheKeysCannotVerifyStopsTheService(string algorithm) =>
        AssertStartFails("SecureApi:Authentication:Jwt:Algorithms", settings => settings[Jwt + "Algorithms:0"] = algorithm);

    [Fact]
    public Task ATokenCacheOfNoEntriesStopsTheService() =>
        AssertStartFails("SecureApi:Authentication:TokenCache:MaxEntries", settings => settings["SecureApi:Authentication:TokenCache:MaxEntries"] = "0");

    [Fact]
    public Task ATokenCacheLifetimeOverAnHourStopsTheService() =>
        AssertStartFails("SecureApi:Authentication:TokenCache:MaxLifetime", settings => settings["SecureApi:Authentication:TokenCache:MaxLifetime"] = "01:00:01");

    [Fact]
    public Task APrivateKeyStopsTheService() =>
        AssertStartFails("SecureApi:Authentication:Jwt:SigningKeys:0:PublicKeyPem", settings =>
        {
            using var rsa = RSA.Create(2048);
            settings[Jwt + "SigningKeys:0:PublicKeyPem"] = rsa.ExportPkcs8PrivateKeyPem();
        });

    [Fact]
    public Task AShortSymmetricKeyStopsTheService() =>
        AssertStartFails("SecureApi:Authentication:Jwt:SigningKeys:0:Symmetric", settings =>
        {
            settings.Remove(Jwt + "SigningKeys:0:PublicKeyPem");
            settings[Jwt + "SigningKeys:0:Symmetric"] = Convert.ToBase64String(new byte[16]);
        });

    [Fact]
    public Task SymmetricBesidePublicKeysStopsTheService() =>
        AssertStartFails("SecureApi:Authentication:Jwt:SigningKeys", settings =>
            settings[Jwt + "SigningKeys:1:Symmetric"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

    [Fact]
    public Task AnAuthorityOverPlainHttpStopsTheService() =>
        AssertStartFails("SecureApi:Authentication:Jwt:Authority", settings =>
        {
            settings.Remove(Jwt + "SigningKeys:0:Id");
            settings.Remove(Jwt + "SigningKeys:0:PublicKeyPem");
            settings[Jwt + "Authority"] = "http://127.0.0.1:1/";
        });

    [Fact]
    public Task AClockSkewOverFiveMinutesStopsTheService() =>
        AssertStartFails("SecureApi:Authentication:Jwt:ClockSkew", settings => settings[Jwt + "ClockSkew"] = "00:10:00");

    [Fact]
    public Task IssuersAndAudiencesWithoutKeysStopTheService() =>
        AssertStartFails("SecureApi:Authentication:Jwt:Authority", settings =>
        {
            settings.Remove(Jwt + "SigningKeys:0:Id");
            settings.Remove(Jwt + "SigningKeys:0:PublicKeyPem");
        });

    [Fact]
    public Task ASymmetricKeyOutsideDevelopmentStopsTheService() =>
        AssertStartFails("SecureApi:Authentication:Jwt:SigningKeys", UseSymmetricKey, "Production");

    [Fact]
    public async Task ASymmetricKeyOutsideDevelopmentStartsOnlyWhenAllowedExplicitly()
    {
        await using var app = Build(settings =>
        {
            UseSymmetricKey(settings);
            settings[Jwt + "AllowSymmetricKeys"] = "true";
        }, "Production");

        await app.StartAsync();
        await app.StopAsync();
    }

    [Fact]
    public async Task ASymmetricKeyStartsInDevelopment()
    {
        await using var app = Build(UseSymmetricKey, "Development");

        await app.StartAsync();
        await app.StopAsync();
    }

    private static void UseSymmetricKey(Dictionary<string, string?> settings)
    {
        settings.Remove(Jwt + "SigningKeys:0:PublicKeyPem");
        settings[Jwt + "SigningKeys:0:Symmetric"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    }

    /// <summary>Starts a service that calls <c>AddSecureApi</c> with the settings, changed, and expects start-up to fail.</summary>
    private static async Task AssertStartFails(string setting, Action<Dictionary<string, string?>> change, string environment = "Development")
    {
        await using var app = Build(change, environment);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync());

        Assert.StartsWith(setting + " ", failure.Message, StringComparison.Ordinal);
    }

    private static WebApplication Build(Action<Dictionary<string, string?>> change, string environment)
    {
        using var rsa = RSA.Create(2048);
        var settings = new Dictionary<string, string?>
        {
            [Jwt + "Issuers:0"] = TestTokens.Issuer,
            [Jwt + "Audiences:0"] = TestTokens.Audience,
            [Jwt + "SigningKeys:0:Id"] = "k",
            [Jwt + "SigningKeys:0:PublicKeyPem"] = rsa.ExportSubjectPublicKeyInfoPem(),
            ["SecureApi:Database:SqlitePath"] = Path.Combine(Path.GetTempPath(), $"secureapi-jwt-startup-{Guid.NewGuid():N}.db"),

            // What every service needs outside Development, so only the JWT settings decide.
            ["SecureApi:Database:Engine"] = "Sqlite",
            ["SecureApi:Cursors:Key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        };
        change(settings);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSecureApi(builder.Configuration);
        return builder.Build();
    }
}
