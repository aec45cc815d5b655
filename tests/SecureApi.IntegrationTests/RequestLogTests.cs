using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SecureApi.IntegrationTests;

/// <summary>One structured event per request, with names and numbers only: never a body, a header or a token.</summary>
public sealed class RequestLogTests(TestServiceFactory factory) : IClassFixture<TestServiceFactory>
{
    [Fact]
    public async Task EachRequestLogsOneCompletedEventWithEndpointStatusCallerAndTrace()
    {
        var (app, client, logs) = CreateClientWithCapturedLogs("alice");
        await using var _ = app;

        var response = await client.PostAsync("/widgets", TestServiceFactory.Json("""{"name":"zebra-marker","quantity":3,"kind":"gear"}"""));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var entry = Assert.Single(logs, e => e.EventId.Id == 1000);
        Assert.Equal("WidgetsApi.Create", entry.Values["Endpoint"]);
        Assert.Equal("POST", entry.Values["Method"]);
        Assert.Equal("/widgets", entry.Values["Route"]);
        Assert.Equal(201, entry.Values["StatusCode"]);
        Assert.Equal("alice", entry.Values["Caller"]);
        Assert.IsType<double>(entry.Values["ElapsedMs"]);
        Assert.Matches("^[0-9a-f]{32}$", (string)entry.Values["TraceId"]!);
        Assert.DoesNotContain(logs, e => e.Message.Contains("zebra-marker", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ADelegatedCallIsLoggedForTheSubjectWithTheAgentAsActor()
    {
        var (app, client, logs) = CreateClientWithCapturedLogs("alice");
        await using var _ = app;
        client.DefaultRequestHeaders.Add("X-Test-Act", """{"sub":"agent-7"}""");

        await client.GetAsync("/probe/health");

        var entry = Assert.Single(logs, e => e.EventId.Id == 1000);
        Assert.Equal(("alice", "agent", "agent-7"), ((string?)entry.Values["Caller"], (string?)entry.Values["ClientKind"], (string?)entry.Values["Actor"]));
    }

    [Fact]
    public async Task ADirectCallIsLoggedWithItsKindAndNoActor()
    {
        var (app, client, logs) = CreateClientWithCapturedLogs("alice");
        await using var _ = app;

        await client.GetAsync("/probe/health");

        var entry = Assert.Single(logs, e => e.EventId.Id == 1000);
        Assert.Equal(("alice", "user", "-"), ((string?)entry.Values["Caller"], (string?)entry.Values["ClientKind"], (string?)entry.Values["Actor"]));
    }

    [Fact]
    public async Task AnonymousRequestsAreLoggedAsAnonymous()
    {
        var (app, client, logs) = CreateClientWithCapturedLogs(subject: null);
        await using var _ = app;

        await client.GetAsync("/probe/health");

        var entry = Assert.Single(logs, e => e.EventId.Id == 1000);
        Assert.Equal("anonymous", entry.Values["Caller"]);
        Assert.Equal(200, entry.Values["StatusCode"]);
    }

    [Fact]
    public async Task FailuresAreLoggedWithTheExceptionAndTheOutcome()
    {
        var (app, client, logs) = CreateClientWithCapturedLogs("alice");
        await using var _ = app;

        await client.GetAsync("/widgets/boom");

        Assert.Single(logs, e => e.EventId.Id == 1001 && e.Exception is InvalidOperationException);
        Assert.Equal(500, Assert.Single(logs, e => e.EventId.Id == 1000).Values["StatusCode"]);
    }

    [Fact]
    public async Task ValidationFailuresAreLoggedWithTheirStatus()
    {
        var (app, client, logs) = CreateClientWithCapturedLogs("alice");
        await using var _ = app;

        await client.PostAsync("/widgets", TestServiceFactory.Json("""{"name":"x","quantity":3,"kind":"gear","secret":"zebra-token"}"""));

        Assert.Equal(400, Assert.Single(logs, e => e.EventId.Id == 1000).Values["StatusCode"]);
        Assert.DoesNotContain(logs, e => e.Message.Contains("zebra-token", StringComparison.Ordinal));
    }

    /// <summary>
    /// A bearer token, an API key, a cookie and a query string reach the service on a success, an unknown-query refusal,
    /// a validation failure and a server failure; none of their values is in any structured value or message SecureApi logs.
    /// </summary>
    [Fact]
    public async Task NoCredentialCookieOrQueryValueIsInAnyStructuredValue()
    {
        var (app, client, logs) = CreateClientWithCapturedLogs("alice");
        await using var _ = app;
        client.DefaultRequestHeaders.Add("Authorization", "Bearer zebra-bearer-token");
        client.DefaultRequestHeaders.Add("X-Api-Key", "zebra-api-key");
        client.DefaultRequestHeaders.Add("Cookie", "session=zebra-cookie");

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/widgets/search?q=zebra-query")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/probe/callback?state=zebra-state&utm_source=zebra-extra")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/widgets/me?debug=zebra-unknown")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/widgets", TestServiceFactory.Json("""{"name":"zebra-body"}"""))).StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, (await client.GetAsync("/widgets/boom")).StatusCode);

        var secureApiEvents = logs.Where(e => e.Category.StartsWith("SecureApi.", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, secureApiEvents.Count(e => e.EventId.Id == 1000));
        Assert.Single(secureApiEvents, e => e.EventId.Id == 1001);
        foreach (var entry in secureApiEvents)
        {
            Assert.DoesNotContain("zebra", entry.Message, StringComparison.Ordinal);
            foreach (var (name, value) in entry.Values)
            {
                var text = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
                Assert.False(text.Contains("zebra", StringComparison.Ordinal), $"Event {entry.EventId} logs {name} = {text}");
            }
        }
    }

    /// <summary>A client of a host that captures its log events; the caller disposes the host.</summary>
    private (WebApplicationFactory<Program> App, HttpClient Client, ConcurrentQueue<CapturedLog> Logs) CreateClientWithCapturedLogs(string? subject)
    {
        var provider = new CapturedLogs();
        var app = factory.WithWebHostBuilder(builder => builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(provider)));
        var client = app.CreateClient(new WebApplicationFactoryClientOptions());
        if (subject is not null)
        {
            client.DefaultRequestHeaders.Add("X-Test-Subject", subject);
        }

        return (app, client, provider.Entries);
    }
}
