using System.Net;
using System.Net.Http.Json;
using Xunit.Abstractions;

namespace SecureApi.IntegrationTests.Allocations;

/// <summary>
/// Bytes allocated per request for the two benchmark endpoints (GET by id, POST a validated body) through the whole
/// in-process pipeline (TestServer, client side included, identical before and after a change). A measurement for
/// README's table, not an assertion of a figure: it runs only with <c>SECUREAPI_MEASURE_ALLOCATIONS=1</c> and prints
/// what it read.
/// </summary>
[Collection(AllocationTestGroup.Name)]
public sealed class AllocationPerRequestMeasurement(ITestOutputHelper output)
{
    private const int Warmup = 300;
    private const int Requests = 2_000;

    [Fact]
    public async Task MeasureGetByIdAndPost()
    {
        if (Environment.GetEnvironmentVariable("SECUREAPI_MEASURE_ALLOCATIONS") != "1")
        {
            return;
        }

        await using var factory = new TestServiceFactory();
        factory.Settings["Logging:LogLevel:Default"] = "Warning";
        var client = factory.ClientFor("alice");
        var created = await client.PostAsync("/widgets", TestServiceFactory.Json("""{"name":"probe","quantity":3}"""));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<IdOnly>())!.Id;

        var get = await PerRequest(() => client.GetAsync($"/widgets/{id}"), HttpStatusCode.OK);
        var post = await PerRequest(() => client.PostAsync("/widgets", TestServiceFactory.Json("""{"name":"probe","quantity":3}""")), HttpStatusCode.Created);

        output.WriteLine($"GET /widgets/{{id}}: {get:N0} bytes per request");
        output.WriteLine($"POST /widgets: {post:N0} bytes per request");
    }

    private static async Task<long> PerRequest(Func<Task<HttpResponseMessage>> send, HttpStatusCode expected)
    {
        for (var i = 0; i < Warmup; i++)
        {
            Assert.Equal(expected, (await send()).StatusCode);
        }

        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < Requests; i++)
        {
            using var response = await send();
            Assert.Equal(expected, response.StatusCode);
        }

        return (GC.GetTotalAllocatedBytes(precise: true) - before) / Requests;
    }

    private sealed record IdOnly(Guid Id);
}
