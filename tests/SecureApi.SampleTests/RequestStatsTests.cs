using System.Net;
using System.Net.Http.Json;
using NotesService;
using SecureApi.SampleTests.Infrastructure;

namespace SecureApi.SampleTests;

/// <summary>The sample's pipeline observer counts every outcome per endpoint, and only the monitoring service reads the counts.</summary>
public sealed class RequestStatsTests
{
    [Fact]
    public async Task ObserverCountsEachOutcomeOfEachEndpointForTheMonitoringServiceOnly()
    {
        await using var storage = new SqliteTarget();
        await using var factory = storage.CreateFactory();
        var alice = factory.ClientFor("alice");

        Assert.Equal(HttpStatusCode.Created, (await alice.PostAsJsonAsync("/notes", new { title = "counted", body = "b" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await alice.GetAsync($"/notes/{Guid.CreateVersion7()}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await alice.GetAsync("/notes?ownerId=bob")).StatusCode);
        await Problem.AssertAsync(await alice.GetAsync("/admin/stats"), HttpStatusCode.Forbidden);
        await Problem.AssertAsync(await factory.ClientFor("ada").GetAsync("/admin/stats"), HttpStatusCode.Forbidden);

        // The 403s were answered by authorisation before the endpoint ran: observers see what reaches endpoints.
        var stats = await factory.ClientFor("monitor").GetFromJsonAsync<EndpointStats[]>("/admin/stats") ?? [];

        Assert.Equal(
            [new("NotesApi.Create", 1, 0, 0), new("NotesApi.Get", 0, 1, 0), new("NotesApi.List", 0, 1, 0)],
            stats);
    }
}
