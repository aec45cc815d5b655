using System.Net.Http.Json;

namespace SecureApi.IntegrationTests.Agents;

/// <summary>Clients of the test service as a person or as an agent acting for one (an RFC 8693 <c>act</c> claim).</summary>
internal static class AgentClients
{
    public static HttpClient Agent(Uri server, string agent, string subject)
    {
        var client = Person(server, subject);
        client.DefaultRequestHeaders.Add("X-Test-Act", $$"""{"sub":"{{agent}}"}""");
        return client;
    }

    public static HttpClient Person(Uri server, string subject)
    {
        var client = new HttpClient { BaseAddress = server };
        client.DefaultRequestHeaders.Add("X-Test-Subject", subject);
        return client;
    }

    /// <summary>Work that costs <paramref name="tokens"/> units of the agent's <c>tokens</c> budget.</summary>
    public static Task<HttpResponseMessage> WorkAsync(HttpClient client, int tokens) => client.PostAsJsonAsync("/agent-work", new { tokens });

    public static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : "";
}
