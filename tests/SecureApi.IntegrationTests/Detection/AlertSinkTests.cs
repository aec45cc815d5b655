using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace SecureApi.IntegrationTests.Detection;

/// <summary>Alerts leave through the sinks: the built-in webhook posts a signed JSON alert; a failing sink is retried.</summary>
public sealed class AlertSinkTests
{
    private const string Secret = "webhook-test-secret-0123456789";

    [Fact]
    public async Task TheWebhookReceivesASignedAlertWhoseSignatureVerifies()
    {
        var received = new TaskCompletionSource<(string Body, string Timestamp, string Signature)>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var receiver = await StartReceiverAsync(received);
        await using var factory = Attack.Factory(new RecordedEvents(), new RecordingSink(),
            ("SecureApi:Detection:CredentialStuffing:Threshold", "5"),
            ("SecureApi:Alerts:Webhook:Url", receiver.Urls.Single() + "/alerts"),
            ("SecureApi:Alerts:Webhook:Secret", Secret));
        using var client = Attack.Start(factory);

        await Attack.StuffAsync(client, "203.0.113.90", 5);
        var (body, timestamp, signature) = await received.Task.WaitAsync(Attack.Deadline);

        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(timestamp + "." + body)));
        Assert.Equal(expected, signature);
        var alert = JsonDocument.Parse(body).RootElement;
        Assert.Equal(("CredentialStuffing", "203.0.113.90"), (alert.GetProperty("detector").GetString(), alert.GetProperty("offender").GetString()));
    }

    [Fact]
    public async Task ASinkThatFailsIsRetriedUntilItSucceeds()
    {
        var sink = new RecordingSink { Failures = 2 };
        await using var factory = Attack.Factory(new RecordedEvents(), sink, ("SecureApi:Detection:CredentialStuffing:Threshold", "5"));
        using var client = Attack.Start(factory);

        await Attack.StuffAsync(client, "203.0.113.91", 5);
        await Attack.UntilAsync(() => sink.Alerts.Length > 0);

        Assert.Equal(3, sink.Attempts);
        Assert.Single(sink.Alerts);
    }

    /// <summary>A tiny Kestrel app on loopback that hands the first POST it gets to <paramref name="received"/>.</summary>
    private static async Task<WebApplication> StartReceiverAsync(TaskCompletionSource<(string, string, string)> received)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            received.TrySetResult((body, context.Request.Headers["X-SecureApi-Timestamp"].ToString(), context.Request.Headers["X-SecureApi-Signature"].ToString()));
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        });
        await app.StartAsync();
        return app;
    }
}
