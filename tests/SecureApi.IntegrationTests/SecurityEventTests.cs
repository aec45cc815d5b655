using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SecureApi.Monitoring;

namespace SecureApi.IntegrationTests;

/// <summary>
/// Each security event fires exactly once for its cause, with its stable id and name, the fields every event carries,
/// and a detail made of names and categories only.
/// </summary>
public sealed class SecurityEventTests(TestServiceFactory factory) : IClassFixture<TestServiceFactory>
{
    [Fact]
    public async Task AnUnknownApiKeyIsOneAuthenticationFailedWithItsCategoryAndTheRequestsFields()
    {
        await using var host = Host();
        var client = host.Client(subject: null);
        client.DefaultRequestHeaders.Add("X-Api-Key", "zebra-not-a-key");

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/widgets/me")).StatusCode);

        var entry = host.Single(SecurityEventKind.AuthenticationFailed);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Equal("unknown-key", entry.Values["Detail"]);
        Assert.Equal("WidgetsApi.Me", entry.Values["Endpoint"]);
        Assert.Equal("anonymous", entry.Values["Caller"]);
        Assert.Equal("anonymous", entry.Values["ClientKind"]);
        Assert.False(string.IsNullOrEmpty((string?)entry.Values["ClientIp"]));
        Assert.False(string.IsNullOrEmpty((string?)entry.Values["TraceId"]));
        Assert.IsType<DateTimeOffset>(entry.Values["Time"]);
        Assert.DoesNotContain("zebra", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACredentialNoSchemeAcceptsIsOneAuthenticationFailed()
    {
        await using var host = Host();
        var client = host.Client(subject: null);
        client.DefaultRequestHeaders.Add("Authorization", "Basic emVicmE6emVicmE=");

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/widgets/me")).StatusCode);

        Assert.Equal("unsupported-credentials", host.Single(SecurityEventKind.AuthenticationFailed).Values["Detail"]);
    }

    [Fact]
    public async Task ARequestWithoutCredentialsRaisesNoEvent()
    {
        await using var host = Host();

        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client(subject: null).GetAsync("/widgets/me")).StatusCode);

        Assert.Empty(host.SecurityEvents());
    }

    [Fact]
    public async Task AMissingRoleIsOneAuthorizationDeniedNamingTheRuleKind()
    {
        await using var host = Host();

        Assert.Equal(HttpStatusCode.Forbidden, (await host.Client("alice").GetAsync("/widgets/admin")).StatusCode);

        var entry = host.Single(SecurityEventKind.AuthorizationDenied);
        Assert.Equal("role", entry.Values["Detail"]);
        Assert.Equal("alice", entry.Values["Caller"]);
        Assert.Equal("user", entry.Values["ClientKind"]);
        Assert.Equal("WidgetsApi.Admin", entry.Values["Endpoint"]);
    }

    [Fact]
    public async Task AKeyLookupThatFindsNothingIsOneNotFoundOrNotYoursWithTheIdAskedFor()
    {
        await using var host = Host();
        var id = Guid.NewGuid();

        Assert.Equal(HttpStatusCode.NotFound, (await host.Client("alice").DeleteAsync($"/widgets/{id}")).StatusCode);

        var entry = host.Single(SecurityEventKind.NotFoundOrNotYours);
        Assert.Equal($"id={id}", entry.Values["Detail"]);
        Assert.Equal("WidgetsApi.Delete", entry.Values["Endpoint"]);
    }

    [Fact]
    public async Task AnUnmatchedRouteIsNoNotFoundOrNotYours()
    {
        await using var host = Host();

        Assert.Equal(HttpStatusCode.NotFound, (await host.Client("alice").GetAsync("/no/such/route")).StatusCode);

        Assert.Empty(host.SecurityEvents());
    }

    [Fact]
    public async Task AnInvalidBodyIsOneValidationFailedNamingTheMembersNotTheirValues()
    {
        await using var host = Host();

        var response = await host.Client("alice").PostAsync("/widgets", TestServiceFactory.Json("""{"name":"z","quantity":5000,"kind":"gear"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var entry = host.Single(SecurityEventKind.ValidationFailed);
        Assert.Equal("name,quantity", entry.Values["Detail"]);
        Assert.DoesNotContain("5000", entry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(host.SecurityEvents(), e => e.EventId.Id == (int)SecurityEventKind.UnknownMembers);
    }

    [Fact]
    public async Task AnUnknownBodyMemberIsOneUnknownMembersAndNoValidationFailed()
    {
        await using var host = Host();

        var response = await host.Client("alice").PostAsync("/widgets", TestServiceFactory.Json("""{"name":"ok","quantity":3,"kind":"gear","isAdmin":"zebra"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("isAdmin", host.Single(SecurityEventKind.UnknownMembers).Values["Detail"]);
        Assert.Single(host.SecurityEvents());
    }

    [Fact]
    public async Task UnknownQueryParametersAreOneUnknownMembersNamingThemWithoutValues()
    {
        await using var host = Host();

        var response = await host.Client("alice").GetAsync("/widgets/me?debug=zebra&fields=passwordHash");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("debug,fields", host.Single(SecurityEventKind.UnknownMembers).Values["Detail"]);
        Assert.Single(host.SecurityEvents());
    }

    [Fact]
    public async Task ManyUnknownParametersMakeOneBoundedDetail()
    {
        await using var host = Host();
        var query = string.Join('&', Enumerable.Range(0, 40).Select(i => $"p{i}{new string('x', 200)}=1"));

        Assert.Equal(HttpStatusCode.BadRequest, (await host.Client("alice").GetAsync("/widgets/me?" + query)).StatusCode);

        var detail = (string)host.Single(SecurityEventKind.UnknownMembers).Values["Detail"]!;
        Assert.EndsWith(",+30 more", detail, StringComparison.Ordinal);
        Assert.True(detail.Length < 1000, detail);
    }

    [Fact]
    public async Task ARateLimitRejectionIsOneRateLimitedNamingThePolicy()
    {
        await using var host = Host(new() { ["SecureApi:RateLimitPermits"] = "1", ["SecureApi:RateLimitWindowSeconds"] = "60" });
        var alice = host.Client("alice");

        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync("/limited")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await alice.GetAsync("/limited")).StatusCode);

        var entry = host.Single(SecurityEventKind.RateLimited);
        Assert.Equal("per-user", entry.Values["Detail"]);
        Assert.Equal("alice", entry.Values["Caller"]);
    }

    [Fact]
    public async Task EveryEventReachesEachObserverAndAThrowingObserverFailsNothing()
    {
        var seen = new ConcurrentQueue<SecurityEvent>();
        await using var host = Host(services: services =>
        {
            services.AddSingleton<ISecurityEventObserver>(new ThrowingObserver());
            services.AddSingleton<ISecurityEventObserver>(new RecordingObserver(seen));
        });

        Assert.Equal(HttpStatusCode.Forbidden, (await host.Client("alice").GetAsync("/widgets/admin")).StatusCode);

        var observed = Assert.Single(seen);
        Assert.Equal((SecurityEventKind.AuthorizationDenied, "alice", "role"), (observed.Kind, observed.Caller, observed.Detail));
        Assert.Single(host.Logs, e => e.EventId.Name == "SecurityEventObserverFailed" && e.Exception is InvalidOperationException);
    }

    [Fact]
    public async Task EachKindIsLoggedWithItsNameAsTheEventName()
    {
        await using var host = Host();

        await host.Client("alice").GetAsync("/widgets/admin");
        await host.Client("alice").GetAsync("/widgets/me?debug=1");

        Assert.Equal("AuthorizationDenied", host.Single(SecurityEventKind.AuthorizationDenied).EventId.Name);
        Assert.Equal("UnknownMembers", host.Single(SecurityEventKind.UnknownMembers).EventId.Name);
    }

    private EventHost Host(Dictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var logs = new CapturedLogs();
        var app = factory.WithWebHostBuilder(builder =>
        {
            if (settings is not null)
            {
                builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(settings));
            }

            builder.ConfigureServices(s =>
            {
                s.AddSingleton<ILoggerProvider>(logs);
                services?.Invoke(s);
            });
        });
        return new EventHost(app, logs.Entries);
    }

    private sealed class EventHost(WebApplicationFactory<Program> app, ConcurrentQueue<CapturedLog> logs) : IAsyncDisposable
    {
        public ConcurrentQueue<CapturedLog> Logs => logs;

        public HttpClient Client(string? subject)
        {
            var client = app.CreateClient();
            if (subject is not null)
            {
                client.DefaultRequestHeaders.Add("X-Test-Subject", subject);
            }

            return client;
        }

        public List<CapturedLog> SecurityEvents() => [.. logs.Where(e => e.EventId.Id is >= 2000 and <= 2011)];

        public CapturedLog Single(SecurityEventKind kind) => Assert.Single(SecurityEvents(), e => e.EventId.Id == (int)kind);

        public ValueTask DisposeAsync() => app.DisposeAsync();
    }

    private sealed class ThrowingObserver : ISecurityEventObserver
    {
        public void OnSecurityEvent(SecurityEvent securityEvent) => throw new InvalidOperationException("observer broke");
    }

    private sealed class RecordingObserver(ConcurrentQueue<SecurityEvent> seen) : ISecurityEventObserver
    {
        public void OnSecurityEvent(SecurityEvent securityEvent) => seen.Enqueue(securityEvent);
    }
}
