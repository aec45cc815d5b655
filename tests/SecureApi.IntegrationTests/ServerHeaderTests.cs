namespace SecureApi.IntegrationTests;

/// <summary>Responses do not name the server software. Over real Kestrel: the in-memory test server never adds the header.</summary>
public sealed class ServerHeaderTests
{
    [Fact]
    public async Task KestrelSendsNoServerHeader()
    {
        await using var factory = new TestServiceFactory();
        factory.UseKestrel(0);
        factory.StartServer();
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/probe/health", UriKind.Relative));

        Assert.True(response.IsSuccessStatusCode, $"GET /probe/health answered {response.StatusCode}");
        Assert.False(response.Headers.Contains("Server"), "Response carries Server: " + string.Join(", ", response.Headers.Server));
    }
}
