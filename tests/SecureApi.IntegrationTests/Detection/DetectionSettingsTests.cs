namespace SecureApi.IntegrationTests.Detection;

/// <summary>Settings that would make a detector fire on every event, or a webhook no receiver can verify, stop start-up.</summary>
public sealed class DetectionSettingsTests
{
    [Theory]
    [InlineData("SecureApi:Detection:CredentialStuffing:Threshold", "0")]
    [InlineData("SecureApi:Detection:Enumeration:WindowSeconds", "0")]
    [InlineData("SecureApi:Detection:Capacity", "0")]
    [InlineData("SecureApi:Alerts:Webhook:Url", "https://alerts.example/hook")] // no secret
    public async Task ASettingThatCannotWorkStopsStartUpNamingIt(string key, string value)
    {
        await using var factory = Attack.Factory(new RecordedEvents(), new RecordingSink(), (key, value));

        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains(key.StartsWith("SecureApi:Alerts", StringComparison.Ordinal) ? "SecureApi:Alerts:Webhook" : "SecureApi:Detection", error.ToString(), StringComparison.Ordinal);
    }
}
