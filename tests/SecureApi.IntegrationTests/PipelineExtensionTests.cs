using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SecureApi.Pipeline;

namespace SecureApi.IntegrationTests;

/// <summary>
/// The pipeline's extension point: guards run after validation and before the method, and can refuse; observers see
/// every outcome, failures included; a failing observer never changes the answer.
/// </summary>
public sealed class PipelineExtensionTests(TestServiceFactory factory) : IClassFixture<TestServiceFactory>, IDisposable
{
    private readonly RecordingObserver _observer = new();
    private readonly List<IDisposable> _hosts = [];

    public void Dispose() => _hosts.ForEach(h => h.Dispose());

    private HttpClient Client(string subject, bool failingObserver = false)
    {
        var host = factory.WithWebHostBuilder(builder => builder.ConfigureServices(services =>
        {
            if (failingObserver)
            {
                services.AddSingleton<IEndpointObserver, ThrowingObserver>();
            }

            services.AddSingleton<IEndpointObserver>(_observer);
            services.AddSingleton<IEndpointGuard, ForbiddenNameGuard>();
        }));
        _hosts.Add(host);
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Add("X-Test-Subject", subject);
        return client;
    }

    [Fact]
    public async Task GuardThatRefusesAnswersInsteadOfTheMethod()
    {
        var client = Client("guarded-alice");

        var refused = await client.PostAsync("/widgets", TestServiceFactory.Json("""{"name":"forbidden","quantity":1,"kind":"gear"}"""));
        var admitted = await client.PostAsync("/widgets", TestServiceFactory.Json("""{"name":"allowed","quantity":1,"kind":"gear"}"""));

        var problem = await Problem.ReadAsync(refused);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, problem.Status);
        Assert.Equal("Refused by the test guard.", problem.Body.GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.Created, admitted.StatusCode);
        var names = await (await client.GetAsync("/widgets?size=100")).Content.ReadAsStringAsync();
        Assert.Contains("\"allowed\"", names, StringComparison.Ordinal);
        Assert.DoesNotContain("\"forbidden\"", names, StringComparison.Ordinal); // the method never ran
    }

    [Fact]
    public async Task GuardDoesNotRunForRequestsThatFailValidation()
    {
        var response = await Client("guarded-bob").PostAsync("/widgets", TestServiceFactory.Json("""{"name":"forbidden","quantity":-5,"kind":"gear"}"""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task ObserverSeesEveryOutcomeWithEndpointStatusAndFailure()
    {
        var client = Client("observed-carol");

        await client.GetAsync("/widgets/me");
        await client.GetAsync("/widgets/not-a-guid");
        await client.GetAsync("/widgets/boom");

        var outcomes = _observer.Outcomes.ToArray();
        Assert.Equal(
            [("WidgetsApi.Me", 200, false), ("WidgetsApi.Get", 400, false), ("WidgetsApi.Boom", 500, true)],
            outcomes.Select(o => (o.Endpoint, o.StatusCode, o.Failed)));
        Assert.All(outcomes, o => Assert.Equal("observed-carol", o.Caller));
    }

    [Fact]
    public async Task FailingObserverDoesNotChangeTheAnswer()
    {
        var response = await Client("observed-dave", failingObserver: true).GetAsync("/widgets/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(_observer.Outcomes); // observers after the failing one still run
    }

    private sealed record Seen(string Endpoint, int StatusCode, bool Failed, string? Caller);

    private sealed class RecordingObserver : IEndpointObserver
    {
        public ConcurrentQueue<Seen> Outcomes { get; } = new();

        public void OnCompleted(in EndpointOutcome outcome) =>
            Outcomes.Enqueue(new Seen(outcome.Request.Endpoint.Name, outcome.StatusCode, outcome.Exception is not null, Caller.Find(outcome.Request.HttpContext)?.Subject));
    }

    private sealed class ThrowingObserver : IEndpointObserver
    {
        public void OnCompleted(in EndpointOutcome outcome) => throw new InvalidOperationException("observer failure");
    }

    /// <summary>Reads the body's <c>name</c> through its generated JSON metadata: no reflection.</summary>
    private sealed class ForbiddenNameGuard : IEndpointGuard
    {
        public ValueTask<IResult?> CheckAsync(EndpointRequest request, object? body, JsonTypeInfo? bodyType)
        {
            var name = bodyType?.Properties.FirstOrDefault(p => p.Name == "name")?.Get?.Invoke(body!) as string;
            return ValueTask.FromResult<IResult?>(name == "forbidden"
                ? TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Refused by the test guard.")
                : null);
        }
    }
}
