using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SecureApi.SampleTests.Infrastructure;
using static SecureApi.SampleTests.Infrastructure.Api;

namespace SecureApi.SampleTests;

/// <summary>
/// The role × scope × client-kind matrix over every endpoint of the sample: each kind of caller gets exactly the status
/// the endpoint's declarations imply. A refusal is 401 (no caller) or 403 (a caller, not allowed); an admitted caller gets
/// the endpoint's own answer (200, 201, or 404 for an id that does not exist). The endpoints are read from the running
/// app, so a new endpoint without a row here fails <see cref="EveryEndpointOfTheSampleHasARow"/>. One engine is enough.
/// </summary>
public sealed class AuthorizationMatrixTests(AuthorizationMatrixTests.Host host) : IClassFixture<AuthorizationMatrixTests.Host>
{
    /// <summary>The callers, in the order of the status columns below.</summary>
    private static readonly string[] s_callers =
        ["anonymous", "matrix-no-scopes", "matrix-reader", "matrix-writer", "matrix-admin", "matrix-service", "jwt-person", "jwt-service", "jwt-agent"];

    /// <summary>
    /// Endpoint → status per caller. API keys: anonymous; a person without scopes; a person with notes:read docs:read; a
    /// person with notes:read notes:write docs:read docs:write; a person with role admin and no scopes; a service key with
    /// every scope. JWT access tokens (<see cref="SampleTokens"/>): a person with notes:read notes:write (on notes exactly
    /// the API-key writer; no docs scopes); a client-credentials service (client_kind service) with docs:read stats:read;
    /// agent-7 acting for matrix-writer (act claim) with the people's scopes.
    /// </summary>
    private static readonly Dictionary<string, int[]> s_expected = new(StringComparer.Ordinal)
    {
        //                               anon no-sc reader writer admin k-svc j-pers j-svc j-agent
        ["GET /notes/{id}"] = /*      */ [401, 403, 404, 404, 403, 403, 404, 403, 404],
        ["GET /notes"] = /*           */ [401, 403, 200, 200, 403, 403, 200, 403, 200],
        ["POST /notes"] = /*          */ [401, 403, 403, 201, 403, 403, 201, 403, 201],
        ["PUT /notes/{id}"] = /*      */ [401, 403, 403, 404, 403, 403, 404, 403, 404],
        ["PATCH /notes/{id}"] = /*    */ [401, 403, 403, 404, 403, 403, 404, 403, 404],
        ["DELETE /notes/{id}"] = /*   */ [401, 403, 403, 404, 403, 403, 404, 403, 403],
        ["GET /notes/{id}/summary"] = [401, 403, 404, 404, 403, 403, 404, 403, 404],
        ["POST /assistant/ask"] = /*  */ [401, 403, 200, 200, 403, 403, 200, 403, 200],
        ["GET /team-docs/{id}"] = /*  */ [401, 403, 404, 404, 403, 404, 403, 404, 404],
        ["GET /team-docs"] = /*       */ [401, 403, 200, 200, 403, 200, 403, 200, 200],
        ["POST /team-docs"] = /*      */ [401, 403, 403, 201, 403, 201, 403, 403, 201],
        ["PUT /team-docs/{id}"] = /*  */ [401, 403, 403, 404, 403, 404, 403, 403, 404],
        ["DELETE /team-docs/{id}"] = [401, 403, 403, 404, 403, 403, 403, 403, 403],
        ["GET /admin/notes"] = /*     */ [401, 403, 403, 403, 200, 403, 403, 403, 403],
        ["DELETE /admin/notes/{id}"] = [401, 403, 403, 403, 404, 403, 403, 403, 403],
        ["GET /admin/stats"] = /*     */ [401, 403, 403, 403, 403, 200, 403, 200, 403],
        ["POST /admin/keys"] = /*     */ [401, 403, 403, 403, 201, 403, 403, 403, 403],
        ["GET /admin/keys"] = /*      */ [401, 403, 403, 403, 200, 403, 403, 403, 403],
        ["GET /admin/keys/{id}"] = /* */ [401, 403, 403, 403, 404, 403, 403, 403, 403],
        ["DELETE /admin/keys/{id}"] = [401, 403, 403, 403, 404, 403, 403, 403, 403],
        ["GET /admin/audit"] = /*     */ [401, 403, 403, 403, 200, 403, 403, 403, 403],
        ["GET /admin/audit/verify"] = [401, 403, 403, 403, 200, 403, 403, 403, 403],
        ["GET /admin/blocks"] = /*    */ [401, 403, 403, 403, 200, 403, 403, 403, 403],
        ["GET /admin/quarantine"] = /**/ [401, 403, 403, 403, 200, 403, 403, 403, 403],
        ["DELETE /admin/quarantine/{resource}/{key}"] = [401, 403, 403, 403, 404, 403, 403, 403, 403],
        ["DELETE /admin/blocks/{kind}/{value}"] = [401, 403, 403, 403, 404, 403, 403, 403, 403],
        ["GET /info"] = /*            */ [200, 200, 200, 200, 200, 200, 200, 200, 200],
        ["GET /health"] = /*          */ [200, 200, 200, 200, 200, 200, 200, 200, 200],
        // The security view (on in Development): an admin person only.
        ["GET /admin/security"] = /*  */ [401, 403, 403, 403, 200, 403, 403, 403, 403],
        ["GET /admin/security/data"] = [401, 403, 403, 403, 200, 403, 403, 403, 403],
        ["GET /admin/security/security-view.js"] = [401, 403, 403, 403, 200, 403, 403, 403, 403],
        ["GET /admin/security/security-view.css"] = [401, 403, 403, 403, 200, 403, 403, 403, 403],
        // The OpenAPI document and the Scalar page with its assets (on in Development): anyone, like /info.
        ["GET /openapi/{documentName}.json"] = [200, 200, 200, 200, 200, 200, 200, 200, 200],
        ["GET /scalar/{documentName?}"] = [200, 200, 200, 200, 200, 200, 200, 200, 200],
        ["GET /scalar/scalar.js"] = /**/ [200, 200, 200, 200, 200, 200, 200, 200, 200],
        ["GET /scalar/scalar.aspnetcore.js"] = [200, 200, 200, 200, 200, 200, 200, 200, 200],
        ["GET /scalar/favicon.svg"] = /**/ [200, 200, 200, 200, 200, 200, 200, 200, 200],
    };

    public static TheoryData<string, string> Cells()
    {
        var cells = new TheoryData<string, string>();
        foreach (var endpoint in s_expected.Keys)
        {
            foreach (var caller in s_callers)
            {
                cells.Add(endpoint, caller);
            }
        }

        return cells;
    }

    [Fact]
    public void EveryEndpointOfTheSampleHasARow()
    {
        var mapped = host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => m + " " + e.RoutePattern.RawText))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(s_expected.Keys.Order(StringComparer.Ordinal), mapped);
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task EachCallerGetsExactlyWhatTheDeclarationsImply(string endpoint, string caller)
    {
        var expected = (HttpStatusCode)s_expected[endpoint][Array.IndexOf(s_callers, caller)];

        using var response = await host.ClientFor(caller).SendAsync(RequestFor(endpoint));

        if (expected is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            var problem = await Problem.AssertAsync(response, expected);
            AssertSaysNotWhichCheckFailed(problem.Text);
        }
        else
        {
            await AssertStatusAsync(response, expected);
        }
    }

    [Fact]
    public async Task ANoteTheAgentCreatesIsOwnedByTheUserItActsFor()
    {
        var note = await CreateNoteAsync(host.ClientFor("jwt-agent"), "for my user", "written by agent-7");

        Assert.Equal("matrix-writer", note.OwnerId);
    }

    /// <summary>A refusal names no role, scope or client kind: the caller learns only that it may not.</summary>
    private static void AssertSaysNotWhichCheckFailed(string body)
    {
        foreach (var word in new[] { "scope", "role", "admin", "kind", "service", "agent", "notes:", "docs:", "stats:" })
        {
            Assert.DoesNotContain(word, body, StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>A well-formed request for the endpoint; an <c>{id}</c> is a key that exists nowhere, so an admitted caller gets 404.</summary>
    private static HttpRequestMessage RequestFor(string endpoint)
    {
        var (method, route) = (endpoint[..endpoint.IndexOf(' ', StringComparison.Ordinal)], endpoint[(endpoint.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
        var path = route
            .Replace("{id}", Guid.CreateVersion7().ToString(), StringComparison.Ordinal)
            .Replace("{documentName}", "v1", StringComparison.Ordinal)
            .Replace("{resource}/{key}", "notes/" + Guid.CreateVersion7(), StringComparison.Ordinal)
            .Replace("{documentName?}", "", StringComparison.Ordinal);
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        object? body = (method, route.StartsWith("/team-docs", StringComparison.Ordinal)) switch
        {
            ("POST", false) when route.StartsWith("/admin/keys", StringComparison.Ordinal) => new { subject = "matrix-minted", scopes = "notes:read" },
            ("POST", false) when route.StartsWith("/assistant", StringComparison.Ordinal) => new { question = "What are my notes about?" },
            ("POST" or "PUT", false) => new { title = "matrix", body = "matrix" },
            ("PATCH", false) => new { title = "matrix" },
            ("POST" or "PUT", true) => new { title = "matrix", content = "matrix" },
            _ => null,
        };
        if (body is not null)
        {
            request.Content = JsonOf(body);
        }

        if (method is "PUT" or "PATCH")
        {
            request.Headers.TryAddWithoutValidation("If-Match", ETag(1));
        }

        return request;
    }

    /// <summary>The sample on its own SQLite database, trusting <see cref="SampleTokens"/>' issuer beside its API keys.</summary>
    public sealed class Host : IAsyncLifetime
    {
        private DatabaseTarget? _target;
        private SampleFactory? _factory;
        private readonly Dictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);

        public IServiceProvider Services => _factory!.Services;

        public HttpClient ClientFor(string caller)
        {
            if (!_clients.TryGetValue(caller, out var client))
            {
                client = _factory!.CreateClient();
                var token = caller switch
                {
                    "jwt-person" => SampleTokens.Person("matrix-jwt-person", "matrix", "notes:read", "notes:write"),
                    "jwt-service" => SampleTokens.Service("matrix-indexer", "matrix", "docs:read", "stats:read"),
                    "jwt-agent" => SampleTokens.Agent("matrix-writer", "agent-7", "matrix", [.. TestCaller.PersonScopes]),
                    _ => null,
                };
                if (token is not null)
                {
                    client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
                }
                else if (caller != "anonymous")
                {
                    client.DefaultRequestHeaders.Add("X-Api-Key", SampleFactory.MatrixCallers.Single(c => c.Subject == caller).ApiKey);
                }

                _clients[caller] = client;
            }

            return client;
        }

        public async Task InitializeAsync()
        {
            _target = await new SqliteEngine().CreateDatabaseAsync();
            _factory = _target.CreateFactory(SampleTokens.Settings);
            _ = _factory.Server; // started now, so Services holds the mapped endpoints
        }

        public async Task DisposeAsync()
        {
            foreach (var client in _clients.Values)
            {
                client.Dispose();
            }

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
