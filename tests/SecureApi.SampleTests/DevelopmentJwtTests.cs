using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using SecureApi.SampleTests.Infrastructure;
using static SecureApi.SampleTests.Infrastructure.Api;

namespace SecureApi.SampleTests;

/// <summary>
/// README's Development walkthrough against the sample: the settings <c>dotnet user-jwts</c> writes (issuer and audience
/// in appsettings.Development.json, the key in user secrets) and tokens of exactly the shapes it and the README mint.
/// </summary>
public sealed class DevelopmentJwtTests(DevelopmentJwtTests.Host host) : IClassFixture<DevelopmentJwtTests.Host>
{
    [Fact]
    public async Task APersonsUserJwtsTokenCreatesANoteOwnedByThatPerson()
    {
        var note = await CreateNoteAsync(host.Client(Host.UserJwt()), "mine");

        Assert.Equal("alice", note.OwnerId);
    }

    [Fact]
    public async Task AnAgentTokenSignedWithTheUserJwtsKeyCreatesANoteOwnedByItsUser()
    {
        var note = await CreateNoteAsync(host.Client(Host.AgentToken()), "for alice");

        Assert.Equal("alice", note.OwnerId);
    }

    [Fact]
    public async Task TheAgentMayNotDeleteItsUsersNote()
    {
        var note = await CreateNoteAsync(host.Client(Host.UserJwt()), "keep");

        using var response = await host.Client(Host.AgentToken()).DeleteAsync($"/notes/{note.Id}");

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AUserJwtsActClaimIsAStringAndNotADelegation()
    {
        // dotnet user-jwts create --claim 'act={"sub":"agent-7"}' writes "act": "{\"sub\":\"agent-7\"}".
        using var response = await host.Client(Host.UserJwt(claims => claims["act"] = """{"sub":"agent-7"}""")).GetAsync("/notes");

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
    }

    /// <summary>The sample in Development on its own SQLite database, with a user-jwts signing key in its configuration.</summary>
    public sealed class Host : IAsyncLifetime
    {
        private const string Issuer = "dotnet-user-jwts";
        private const string Audience = "http://127.0.0.1:5080"; // appsettings.Development.json's ValidAudiences
        private static readonly byte[] s_secret = RandomNumberGenerator.GetBytes(32);

        private DatabaseTarget? _target;
        private SampleFactory? _factory;

        /// <summary>A token as <c>dotnet user-jwts create</c> mints it (see <see cref="TestTokens.UserJwt"/>).</summary>
        public static string UserJwt(Action<JsonObject>? change = null) => TestTokens.UserJwt(s_secret, Audience, change);

        /// <summary>README's agent token: signed with the user-jwts key by openssl, <c>typ: at+jwt</c>, <c>act</c> an object.</summary>
        public static string AgentToken()
        {
            var now = DateTimeOffset.UtcNow;
            var claims = new JsonObject
            {
                ["iss"] = Issuer,
                ["aud"] = Audience,
                ["sub"] = "alice",
                ["tenant"] = "acme",
                ["scope"] = "notes:read notes:write",
                ["act"] = new JsonObject { ["sub"] = "agent-7" },
                ["iat"] = now.ToUnixTimeSeconds(),
                ["exp"] = now.AddHours(1).ToUnixTimeSeconds(),
            };
            return TestTokens.Encode(TestTokens.Header("HS256", kid: null, typ: "at+jwt"), claims, TestTokens.Hmac256(s_secret));
        }

        public HttpClient Client(string token)
        {
            var client = _factory!.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return client;
        }

        public async Task InitializeAsync()
        {
            _target = await new SqliteEngine().CreateDatabaseAsync();
            _factory = _target.CreateFactory(new Dictionary<string, string?>
            {
                ["Authentication:Schemes:Bearer:ValidIssuer"] = Issuer,
                ["Authentication:Schemes:Bearer:SigningKeys:0:Id"] = "5a1cd507",
                ["Authentication:Schemes:Bearer:SigningKeys:0:Issuer"] = Issuer,
                ["Authentication:Schemes:Bearer:SigningKeys:0:Value"] = Convert.ToBase64String(s_secret),
                ["Authentication:Schemes:Bearer:SigningKeys:0:Length"] = "32",
            });
        }

        public async Task DisposeAsync()
        {
            if (_factory is not null)
            {
                await _factory.DisposeAsync();
            }

            if (_target is not null)
            {
                await _target.DisposeAsync();
            }
        }
    }
}
