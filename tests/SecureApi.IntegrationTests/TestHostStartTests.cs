namespace SecureApi.IntegrationTests;

/// <summary>
/// The in-process host itself (<see cref="TestServiceFactory"/> with <see cref="SecureApi.Testing.StartGate"/>): a start-up
/// failure reaches the test as itself, and a Kestrel host listens where the test asked.
/// </summary>
public sealed class TestHostStartTests
{
    [Fact]
    public async Task AStartThatFailsAtOnceReachesTheTestAsItsOwnFailureEveryTime()
    {
        // Without the gate, WebApplicationFactory read the disposed host's services within a few attempts (ObjectDisposedException).
        for (var attempt = 0; attempt < 40; attempt++)
        {
            await using var factory = new TestServiceFactory();
            factory.Settings["SecureApi:LoadShedding:MaxConcurrentRequests"] = "0";

            var failure = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

            Assert.IsNotType<ObjectDisposedException>(failure);
            Assert.Contains("SecureApi:LoadShedding:MaxConcurrentRequests must be at least 1", failure.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AKestrelHostOnPortZeroListensOnAPortOfItsOwn()
    {
        await using var factory = new TestServiceFactory();
        factory.UseKestrel(0);

        factory.StartServer();

        Assert.NotEqual(5000, factory.ClientOptions.BaseAddress.Port); // Kestrel's default when the factory's port is not applied
        Assert.Equal("127.0.0.1", factory.ClientOptions.BaseAddress.Host);
    }
}
