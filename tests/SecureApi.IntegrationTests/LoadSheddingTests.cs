using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using SecureApi.TestService;

namespace SecureApi.IntegrationTests;

/// <summary>
/// Load shedding over real Kestrel, so requests really run at once: a burst of requests held inside the endpoint (by a
/// gate the test releases, never a sleep) gets exactly the limit in flight, the rest 503 at once; the readiness probe
/// still answers; once the held requests finish, the service serves again.
/// </summary>
public sealed class LoadSheddingTests
{
    private const int Limit = 3;
    private const int Burst = 12;

    [Fact]
    public async Task ABurstGetsExactlyTheLimitInFlight()
    {
        await using var saturated = await Saturated.StartAsync();

        Assert.Equal(Limit, saturated.Gate.InFlight);
    }

    [Fact]
    public async Task EveryRequestPastTheLimitIsA503ProblemWithRetryAfter()
    {
        await using var saturated = await Saturated.StartAsync();

        foreach (var response in saturated.Refused)
        {
            await Problem.AssertAsync(response, HttpStatusCode.ServiceUnavailable);
            Assert.True(int.Parse(response.Headers.GetValues("Retry-After").Single(), CultureInfo.InvariantCulture) > 0);
        }
    }

    [Fact]
    public async Task EveryShedRequestIsOneLoadShedEvent()
    {
        await using var saturated = await Saturated.StartAsync();

        var shed = saturated.Logs.Entries.Where(e => e.EventId.Id == (int)SecureApi.Monitoring.SecurityEventKind.LoadShed).ToList();

        Assert.Equal(Burst - Limit, shed.Count);
        Assert.All(shed, e => Assert.Equal("GET /probe/slow", e.Values["Endpoint"]));
    }

    [Fact]
    public async Task AHandMappedProbeMarkedExemptAnswersWhileSaturated()
    {
        await using var saturated = await Saturated.StartAsync();
        using var unexempt = await saturated.Client.GetAsync("/probe/connection");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unexempt.StatusCode); // the service is saturated for everything else

        using var ready = await saturated.Client.GetAsync("/probe/ready");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task AGeneratedEndpointMarkedExemptAnswersWhileSaturated()
    {
        await using var saturated = await Saturated.StartAsync();

        using var health = await saturated.Client.GetAsync("/probe/health"); // [ExemptFromLoadShedding] on the declaration

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task AfterTheHeldRequestsFinishNewRequestsAreServed()
    {
        await using var saturated = await Saturated.StartAsync();
        saturated.Gate.Release();
        foreach (var admitted in saturated.Admitted)
        {
            using var response = await admitted;
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        using var next = await saturated.Client.GetAsync("/probe/slow");

        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
    }

    [Fact]
    public async Task ARequestThatFindsRoomInTheQueueIsServedWhenASlotFrees()
    {
        await using var factory = new TestServiceFactory();
        factory.Settings["SecureApi:LoadShedding:MaxConcurrentRequests"] = "1";
        factory.Settings["SecureApi:LoadShedding:QueueLimit"] = "1";
        factory.Settings["SecureApi:LoadShedding:QueueTimeoutSeconds"] = "600"; // the queue wait must not decide this test
        factory.UseKestrel(0);
        factory.StartServer();
        var gate = factory.Services.GetRequiredService<SlowGate>();
        using var client = factory.CreateClient();
        var held = client.GetAsync("/probe/slow");
        await gate.Entered(1);

        // Two more: one takes the only queue place, the other is refused at once; which is which is up to the race.
        Task<HttpResponseMessage>[] waiting = [client.GetAsync("/probe/slow"), client.GetAsync("/probe/slow")];
        var refused = await Task.WhenAny(waiting);
        using (var refusedResponse = await refused)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refusedResponse.StatusCode); // the queue holds one, not two
        }

        gate.Release();
        using var queued = await waiting.Single(task => task != refused);

        Assert.Equal(HttpStatusCode.OK, queued.StatusCode);
        (await held).Dispose();
    }

    [Fact]
    public async Task AZeroLimitFailsStartUpNamingTheSettingAndTheWayToSwitchOff()
    {
        await using var factory = new TestServiceFactory();
        factory.Settings["SecureApi:LoadShedding:MaxConcurrentRequests"] = "0";

        var failure = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("SecureApi:LoadShedding:MaxConcurrentRequests must be at least 1; set SecureApi:LoadShedding:Enabled to false", failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SwitchedOffExplicitlyTheLimitIsNotApplied()
    {
        await using var factory = new TestServiceFactory();
        factory.Settings["SecureApi:LoadShedding:Enabled"] = "false";
        factory.Settings["SecureApi:LoadShedding:MaxConcurrentRequests"] = "0"; // would refuse everything, and fail start-up, if it applied
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/probe/connection");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>A service with room for <see cref="Limit"/> requests and no queue, hit by <see cref="Burst"/> held requests at once.</summary>
    private sealed class Saturated : IAsyncDisposable
    {
        private readonly TestServiceFactory _factory;

        private Saturated(TestServiceFactory factory, SlowGate gate, HttpClient client, CapturedLogs logs)
        {
            _factory = factory;
            Logs = logs;
            Gate = gate;
            Client = client;
        }

        public SlowGate Gate { get; }

        /// <summary>Everything the service logged.</summary>
        public CapturedLogs Logs { get; }

        public HttpClient Client { get; }

        /// <summary>The requests the endpoint is holding.</summary>
        public List<Task<HttpResponseMessage>> Admitted { get; } = [];

        /// <summary>The requests answered while the others were held.</summary>
        public List<HttpResponseMessage> Refused { get; } = [];

        public static async Task<Saturated> StartAsync()
        {
            var logs = new CapturedLogs();
            var factory = new TestServiceFactory { TestServices = services => services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(logs) };
            factory.Settings["SecureApi:LoadShedding:MaxConcurrentRequests"] = Limit.ToString(CultureInfo.InvariantCulture);
            factory.Settings["SecureApi:LoadShedding:QueueLimit"] = "0";
            factory.UseKestrel(0);
            factory.StartServer();
            var saturated = new Saturated(factory, factory.Services.GetRequiredService<SlowGate>(), factory.CreateClient(), logs);

            var requests = Enumerable.Range(0, Burst).Select(_ => saturated.Client.GetAsync("/probe/slow")).ToList();

            // Either the rest are answered while the limit's worth is held, or one more than the limit gets in: whichever
            // happens first decides, with no clock. (A broken limiter lets all in, and then nobody is answered.)
            var restAnswered = WhenCompleted(requests, Burst - Limit);
            var overflow = saturated.Gate.Entered(Limit + 1);
            if (await Task.WhenAny(restAnswered, overflow) == overflow)
            {
                await saturated.DisposeAsync();
                Assert.Fail($"More than {Limit} requests got into the endpoint at once.");
            }

            await saturated.Gate.Entered(Limit); // the admitted ones may still be on their way in
            foreach (var request in requests)
            {
                if (request.IsCompleted)
                {
                    saturated.Refused.Add(await request);
                }
                else
                {
                    saturated.Admitted.Add(request);
                }
            }

            return saturated;
        }

        public async ValueTask DisposeAsync()
        {
            Gate.Release();
            foreach (var response in Refused)
            {
                response.Dispose();
            }

            Client.Dispose();
            await _factory.DisposeAsync();
        }

        private static Task WhenCompleted(IEnumerable<Task> tasks, int count)
        {
            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var completed = 0;
            foreach (var task in tasks)
            {
                _ = task.ContinueWith(_ =>
                {
                    if (Interlocked.Increment(ref completed) == count)
                    {
                        signal.TrySetResult();
                    }
                }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }

            return signal.Task;
        }
    }
}
