using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SecureApi.Pipeline;
using SecureApi.SampleTests.Infrastructure;
using static SecureApi.SampleTests.Infrastructure.Api;
using static SecureApi.SampleTests.Infrastructure.KeyAdmin;

namespace SecureApi.SampleTests;

/// <summary>
/// Keys minted into the service's database, through the sample's <c>/admin/keys</c> and the real HTTP pipeline: what
/// authenticates, what is refused (401 with <c>WWW-Authenticate: ApiKey</c>), what is stored, and that a revocation is
/// seen by the very next request, on every instance.
/// </summary>
public abstract class StoredApiKeyTests(ClassDatabase database, IEngine engine) : SampleTestBase(database, engine)
{
    private static int s_subjects;

    [Fact]
    public async Task AMintedKeyAuthenticatesItsSubject()
    {
        var subject = NewSubject();
        var minted = await MintAsync(Factory, subject, tenant: "acme");

        using var client = ClientWithKey(Factory, minted.Key);
        var note = await CreateNoteAsync(client, "written with a stored key");

        Assert.Equal(subject, note.OwnerId);
    }

    /// <summary>The claims contract: sub, tenant, one role claim per role, scope (space-separated), client_kind, key_id.</summary>
    [Fact]
    public async Task AMintedKeysPrincipalCarriesTheContractsClaims()
    {
        var subject = NewSubject();
        var minted = await MintAsync(Factory, subject, tenant: "acme", roles: "auditor reader", scopes: "notes:read notes:write", kind: "agent");
        var seen = new ClaimsSeen();
        await using var app = Factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IEndpointObserver>(seen)));
        using var client = SampleFactory.CheckedClient(app);
        client.DefaultRequestHeaders.Add("X-Api-Key", minted.Key);

        await AssertStatusAsync(await client.GetAsync("/notes"), HttpStatusCode.OK);

        Assert.Equal(
            ["client_kind=agent", "key_id=" + minted.Info.Id, "role=auditor", "role=reader", "scope=notes:read notes:write", "sub=" + subject, "tenant=acme"],
            seen.Claims.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AWellFormedKeyWithAnUnknownIdIsRefused()
    {
        var minted = await MintAsync(Factory, NewSubject());
        var unknown = ApiKeyText.WithChecksum("sak_" + new string('Z', 16) + minted.Key[20..64]);

        await AssertRefusedAsync(unknown);
    }

    [Fact]
    public async Task AKnownIdWithAnotherSecretIsRefused()
    {
        var minted = await MintAsync(Factory, NewSubject());

        await AssertRefusedAsync(ApiKeyText.OtherSecret(minted.Key));
    }

    [Theory]
    [MemberData(nameof(ApiKeyText.MalformationNames), MemberType = typeof(ApiKeyText))]
    public async Task AMalformedKeyIsRefused(string how)
    {
        var minted = await MintAsync(Factory, NewSubject());

        await AssertRefusedAsync(ApiKeyText.Malformed(minted.Key, how));
    }

    [Fact]
    public async Task ARevokedKeyIsRefusedOnTheVeryNextRequest()
    {
        var minted = await MintAsync(Factory, NewSubject());
        Assert.Equal(HttpStatusCode.OK, await StatusWithAsync(Factory, minted.Key));

        await RevokeAsync(Factory, minted.Info.Id);

        await AssertRefusedAsync(minted.Key);
    }

    /// <summary>Two instances on one database (as behind a load balancer): a key revoked through one is refused by the other at once.</summary>
    [Fact]
    public async Task ARevocationOnOneInstanceIsSeenByAnotherOnItsNextRequest()
    {
        await using var other = Target.CreateFactory();
        var minted = await MintAsync(Factory, NewSubject());
        Assert.Equal(HttpStatusCode.OK, await StatusWithAsync(other, minted.Key));

        await RevokeAsync(Factory, minted.Info.Id);

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync(other, minted.Key));
    }

    [Fact]
    public async Task AnExpiredKeyIsRefused()
    {
        var minted = await MintAsync(Factory, NewSubject());
        Assert.Equal(HttpStatusCode.OK, await StatusWithAsync(Factory, minted.Key));

        await Target.ExecuteAsync("UPDATE secureapi_api_keys SET expires_at = @p0 WHERE id = @p1", DateTimeOffset.UtcNow.AddSeconds(-1), minted.Info.Id);

        await AssertRefusedAsync(minted.Key);
    }

    [Fact]
    public async Task DuringARotationBothKeysOfOneSubjectAuthenticate()
    {
        var subject = NewSubject();
        var old = await MintAsync(Factory, subject);
        var replacement = await MintAsync(Factory, subject);

        var statuses = new[] { await StatusWithAsync(Factory, old.Key), await StatusWithAsync(Factory, replacement.Key) };

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK], statuses);
    }

    [Fact]
    public async Task AfterARotationTheReplacementStillAuthenticates()
    {
        var subject = NewSubject();
        var old = await MintAsync(Factory, subject);
        var replacement = await MintAsync(Factory, subject);

        await RevokeAsync(Factory, old.Info.Id);

        Assert.Equal(HttpStatusCode.OK, await StatusWithAsync(Factory, replacement.Key));
    }

    /// <summary>The row holds the SHA-256 of the key and nothing from which the key could be read back.</summary>
    [Fact]
    public async Task TheStoredValueIsTheKeysHashNotTheKey()
    {
        var minted = await MintAsync(Factory, NewSubject());

        var stored = (byte[])(await Target.ScalarAsync("SELECT secret_hash FROM secureapi_api_keys WHERE id = @p0", minted.Info.Id))!;

        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(minted.Key)), stored);
    }

    [Fact]
    public async Task NoColumnOfTheRowHoldsTheSecret()
    {
        var minted = await MintAsync(Factory, NewSubject());

        var row = await ReadRowTextAsync(minted.Info.Id);

        Assert.DoesNotContain(ApiKeyText.Secret(minted.Key), row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheKeyIsShownOnceAndNeverByListOrRead()
    {
        var minted = await MintAsync(Factory, NewSubject());
        var admin = Factory.ClientFor("ada");

        var list = await (await admin.GetAsync("/admin/keys")).Content.ReadAsStringAsync();
        var read = await (await admin.GetAsync("/admin/keys/" + minted.Info.Id)).Content.ReadAsStringAsync();

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(minted.Key));
        var leaks = new[] { ApiKeyText.Secret(minted.Key), Convert.ToHexString(hash), Convert.ToHexStringLower(hash), Convert.ToBase64String(hash) };
        Assert.DoesNotContain(leaks, leak => list.Contains(leak, StringComparison.Ordinal) || read.Contains(leak, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheListShowsTheMintedKeysInformation()
    {
        var subject = NewSubject();
        var minted = await MintAsync(Factory, subject, tenant: "acme", roles: "reader", scopes: "notes:read");

        var listed = await Factory.ClientFor("ada").GetFromJsonAsync<List<ApiKeyDto>>("/admin/keys?subject=" + subject, Options);

        Assert.Equal(Json(new[] { minted.Info }), Json(listed!));
    }

    [Fact]
    public async Task ThePostReturnsTheKeyInTheDocumentedFormat()
    {
        var minted = await MintAsync(Factory, NewSubject());

        Assert.Equal(minted.Key, ApiKeyText.WithChecksum(minted.Key[..64]));
    }

    public static TheoryData<string, string> Forbidden => new()
    {
        { "alice", "GET /admin/keys" }, { "alice", "POST /admin/keys" }, { "alice", "DELETE /admin/keys/0123456789abcdef" },
        { "carol", "GET /admin/keys" }, { "carol", "POST /admin/keys" }, { "carol", "DELETE /admin/keys/0123456789abcdef" },
    };

    [Theory]
    [MemberData(nameof(Forbidden))]
    public async Task ACallerWithoutTheAdminRoleGets403(string subject, string request)
    {
        using var response = await SendAsync(Client(subject), request);

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("GET /admin/keys")]
    [InlineData("POST /admin/keys")]
    [InlineData("DELETE /admin/keys/0123456789abcdef")]
    public async Task AnAnonymousCallerGets401(string request)
    {
        using var response = await SendAsync(Factory.AnonymousClient(), request);

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
    }

    /// <summary>A minted key that does not carry the admin role cannot mint itself a better one.</summary>
    [Fact]
    public async Task AMintedKeyWithoutTheAdminRoleCannotMint()
    {
        var minted = await MintAsync(Factory, NewSubject(), roles: "reader");
        using var client = ClientWithKey(Factory, minted.Key);

        using var response = await client.PostAsync("/admin/keys", JsonOf(new { subject = "escalated", roles = "admin" }));

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task RevokingAnUnknownKeyIs404()
    {
        using var response = await Factory.ClientFor("ada").DeleteAsync("/admin/keys/0123456789abcdef");

        await Problem.AssertAsync(response, HttpStatusCode.NotFound);
    }

    public static TheoryData<string, string> InvalidMints => new()
    {
        { """{"kind":"service"}""", "subject" },
        { """{"subject":""}""", "subject" },
        { """{"subject":" padded"}""", "subject" },
        { """{"subject":"bot\u0007"}""", "subject" },
        { """{"subject":"bot","roles":"admin\"x"}""", "roles" },
        { """{"subject":"bot","roles":"two  spaces"}""", "roles" },
        { """{"subject":"bot","scopes":"notes:read "}""", "scopes" },
        { """{"subject":"bot","kind":"robot"}""", "kind" },
        { """{"subject":"bot","lifetimeDays":0}""", "lifetimeDays" },
        { """{"subject":"bot","lifetimeDays":366}""", "lifetimeDays" },
    };

    [Theory]
    [MemberData(nameof(InvalidMints))]
    public async Task AnInvalidMintRequestIs400NamingTheMember(string json, string member)
    {
        using var response = await Factory.ClientFor("ada").PostAsync("/admin/keys", RawJson(json));

        await Problem.AssertValidationAsync(response, member);
    }

    /// <summary>A lifetime the configuration does not allow (here at most 30 days) is the runtime's refusal: a 400 too, never a 500.</summary>
    [Fact]
    public async Task ALifetimeOverTheConfiguredMaximumIs400()
    {
        await using var strict = Target.CreateFactory(new Dictionary<string, string?> { ["SecureApi:Authentication:ApiKeys:MaxLifetimeDays"] = "30" });

        using var response = await strict.ClientFor("ada").PostAsync("/admin/keys", JsonOf(new { subject = "bot", lifetimeDays = 31 }));

        await Problem.AssertValidationAsync(response, "lifetime");
    }

    protected static string NewSubject() => "key-owner-" + Interlocked.Increment(ref s_subjects).ToString(System.Globalization.CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];

    private async Task AssertRefusedAsync(string key)
    {
        using var client = ClientWithKey(Factory, key);
        using var response = await client.GetAsync("/notes");
        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("ApiKey", response.Headers.WwwAuthenticate.ToString());
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string request)
    {
        var (method, uri) = (request.Split(' ')[0], request.Split(' ')[1]);
        return Api.SendAsync(client, new HttpMethod(method), uri, method == "POST" ? new { subject = "someone" } : null);
    }

    private async Task<string> ReadRowTextAsync(string id)
    {
        await using var connection = await Target.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM secureapi_api_keys WHERE id = @p0";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@p0";
        parameter.Value = id;
        command.Parameters.Add(parameter);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var values = new List<string>();
        for (var i = 0; i < reader.FieldCount; i++)
        {
            var value = reader.GetValue(i);
            values.Add(value is byte[] bytes ? Encoding.Latin1.GetString(bytes) + Convert.ToBase64String(bytes) : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "");
        }

        return string.Join("|", values);
    }

    /// <summary>The claims of the principal behind each request to a SecureApi endpoint.</summary>
    private sealed class ClaimsSeen : IEndpointObserver
    {
        public List<string> Claims { get; private set; } = [];

        public void OnCompleted(in EndpointOutcome outcome) =>
            Claims = [.. outcome.Request.HttpContext.User.Claims.Select(c => c.Type + "=" + c.Value)];
    }
}

public sealed class SqliteStoredApiKeyTests(ClassDatabase database) : StoredApiKeyTests(database, new SqliteEngine());

[Collection(SharedPostgresServer.Name)]
public sealed class PostgresStoredApiKeyTests(PostgresServer server, ClassDatabase database) : StoredApiKeyTests(database, new PostgresEngine(server));
