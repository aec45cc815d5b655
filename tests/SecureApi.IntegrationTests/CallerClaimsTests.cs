using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecureApi.IntegrationTests;

/// <summary>
/// How <see cref="Caller"/> reads a principal's claims, through the real pipeline with the test header scheme: roles
/// under every claim type, scopes from <c>scope</c> and <c>scp</c> in one or several claims, the client kind, and the RFC
/// 8693 actor. <c>/caller</c> shows what was read (404 when the principal is not a caller); <c>/guarded</c> checks it.
/// </summary>
public sealed class CallerClaimsTests(TestServiceFactory factory) : IClassFixture<TestServiceFactory>
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } };

    [Fact]
    public async Task ScopesFromScopeAndScpClaimsSeveralTimesAreOneSet()
    {
        var view = await DescribeAsync(("X-Test-Claim-scope", "notes:read notes:write|notes:read  files:read"), ("X-Test-Claim-scp", "mail:send"));

        Assert.Equal(["files:read", "mail:send", "notes:read", "notes:write"], view.Scopes);
    }

    [Fact]
    public async Task RolesFromRoleRolesAndTheDotNetRoleClaimAreOneSet()
    {
        var view = await DescribeAsync(("X-Test-Roles", "support"), ("X-Test-Claim-role", "admin"), ("X-Test-Claim-roles", "auditor|admin"));

        Assert.Equal(["admin", "auditor", "support"], view.Roles);
    }

    [Fact]
    public async Task WithoutClientKindOrActTheCallerIsAUser()
    {
        var view = await DescribeAsync();

        Assert.Equal(new CallerView("alice", "acme", [], [], ClientKind.User, null), view with { Roles = [], Scopes = [] });
    }

    [Fact]
    public async Task AnExplicitClientKindIsTaken()
    {
        var view = await DescribeAsync(("X-Test-Claim-client_kind", "service"));

        Assert.Equal(ClientKind.Service, view.ClientKind);
    }

    [Fact]
    public async Task AnActClaimMakesAnAgentActingForTheSubject()
    {
        var view = await DescribeAsync(("X-Test-Act", """{"sub":"agent-7"}"""));

        Assert.Equal(("alice", ClientKind.Agent, "agent-7"), (view.Subject, view.ClientKind, view.Actor));
    }

    [Fact]
    public async Task ANestedActChainNamesTheImmediateActor()
    {
        var view = await DescribeAsync(("X-Test-Act", """{"act":{"sub":"orchestrator","act":{"sub":"scheduler"}},"sub":"agent-7"}"""));

        Assert.Equal(("alice", ClientKind.Agent, "agent-7"), (view.Subject, view.ClientKind, view.Actor));
    }

    [Theory]
    [InlineData("an unknown client_kind", "X-Test-Claim-client_kind", "robot")]
    [InlineData("a client_kind in another case", "X-Test-Claim-client_kind", "Service")]
    [InlineData("two different client_kind claims", "X-Test-Claim-client_kind", "user|service")]
    [InlineData("an act that is not JSON", "X-Test-Act", "agent-7")]
    [InlineData("an act without sub", "X-Test-Act", """{"client_id":"agent-7"}""")]
    [InlineData("an act whose sub is not a string", "X-Test-Act", """{"sub":7}""")]
    [InlineData("an act with an empty sub", "X-Test-Act", """{"sub":""}""")]
    [InlineData("an act that is an array", "X-Test-Act", """[{"sub":"agent-7"}]""")]
    [InlineData("an act with two subs", "X-Test-Act", """{"sub":"agent-7","sub":"agent-8"}""")]
    [InlineData("an act followed by more JSON", "X-Test-Act", """{"sub":"agent-7"}{"sub":"x"}""")]
    public async Task APrincipalThatCannotBeReadSafelyIsNoCaller(string why, string header, string value)
    {
        using var response = await SendAsync("/caller", (header, value));

        Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{why}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>
    /// Authenticated, but not a valid caller: authorisation refuses it on every non-anonymous endpoint. (Where the
    /// authentication step turns such a principal into no principal at all, this becomes a 401.)
    /// </summary>
    [Fact]
    public async Task AnUnknownClientKindIsNotACallerSoEvenAnEndpointRequiringNothingElseAnswers401()
    {
        using var response = await SendAsync("/guarded/anyone", ("X-Test-Claim-client_kind", "robot"));

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AnEntraScpClaimMeetsRequireScope()
    {
        using var response = await SendAsync("/guarded/scope", ("X-Test-Claim-scp", "profile widgets:admin"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AScopeThatOnlyStartsLikeTheRequiredOneIsRefused()
    {
        using var response = await SendAsync("/guarded/scope", ("X-Test-Claim-scope", "widgets:readonly widgets"));

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task TwoRequireScopeAttributesBothHold()
    {
        using var response = await SendAsync("/guarded/two-scopes", ("X-Test-Claim-scope", "widgets:read"));

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task TwoRequireScopeAttributesAreMetByScopesFromTwoClaims()
    {
        using var response = await SendAsync("/guarded/two-scopes", ("X-Test-Claim-scope", "widgets:read|widgets:export"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AnOidcRolesClaimMeetsRequireRole()
    {
        using var response = await SendAsync("/guarded/auditors", ("X-Test-Claim-roles", "auditor"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task AnAgentOnlyEndpointAdmitsADelegatedToken()
    {
        using var response = await SendAsync("/guarded/agents", ("X-Test-Act", """{"sub":"agent-7"}"""));

        Assert.Equal("agent-7", await response.Content.ReadFromJsonAsync<string>());
    }

    [Fact]
    public async Task AnAgentOnlyEndpointRefusesTheUserItActsFor()
    {
        using var response = await SendAsync("/guarded/agents");

        await Problem.AssertAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AnAgentOnlyEndpointRefusesAnAnonymousRequest()
    {
        using var response = await factory.CreateClient().GetAsync("/guarded/agents");

        await Problem.AssertAsync(response, HttpStatusCode.Unauthorized);
    }

    private async Task<CallerView> DescribeAsync(params (string Name, string Value)[] headers)
    {
        using var response = await SendAsync("/caller", headers);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CallerView>(s_json))!;
    }

    private async Task<HttpResponseMessage> SendAsync(string path, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Test-Subject", "alice");
        request.Headers.Add("X-Test-Tenant", "acme");
        foreach (var (name, value) in headers)
        {
            Assert.True(request.Headers.TryAddWithoutValidation(name, value), name);
        }

        return await factory.CreateClient().SendAsync(request);
    }

    private sealed record CallerView(string Subject, string? Tenant, string[] Roles, string[] Scopes, ClientKind ClientKind, string? Actor);
}
