using SecureApi.IntegrationTests.Detection;

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
        // Without the gate, WebApplicationFactory read the disposed host's services (ObjectDisposedException) within a few hundred attempts.
        for (var attempt = 0; attempt < 300; attempt++)
        {
            // No webhook secret: refused by the first start-up check, with test services registered (as CI's failure had).
            await using var factory = Attack.Factory(new RecordedEvents(), new RecordingSink(), ("SecureApi:Alerts:Webhook:Url", "https://alerts.example/hook"));

            var failure = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

            Assert.IsNotType<ObjectDisposedException>(failure);
            Assert.Contains("SecureApi:Alerts:Webhook:Secret at least 16 characters", failure.ToString(), StringComparison.Ordinal);
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
