using System.Globalization;
using System.Net;
using System.Text.Json;
using SecureApi.Monitoring;

namespace SecureApi.IntegrationTests.Detection;

/// <summary>
/// An authenticated caller asking for many ids it cannot see is blocked as a caller; the blocks are listed and lifted by
/// an admin person through /admin/blocks, and refused to anyone else.
/// </summary>
public sealed class EnumerationAndAdminTests
{
    private const int Threshold = 10;

    [Fact]
    public async Task ManyDistinctIdsNotFoundRaiseAnAlertAndBlockTheCaller()
    {
        var events = new RecordedEvents();
        var sink = new RecordingSink();
        await using var factory = Attack.Factory(events, sink, Enumeration());
        using var client = Attack.Start(factory);
        using var mallory = Caller(client, "mallory");

        for (var i = 0; i < Threshold; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await mallory.GetAsync($"/widgets/{Guid.NewGuid()}")).StatusCode);
        }

        await Attack.UntilAsync(() => sink.Alerts.Length > 0);

        Assert.Equal(HttpStatusCode.Forbidden, (await mallory.GetAsync("/widgets")).StatusCode);
        var alert = Assert.Single(sink.Alerts);
        Assert.Equal(("Enumeration", "caller", "mallory", "block"), (alert.Detector, alert.OffenderKind, alert.Offender, alert.Response));
    }

    [Fact]
    public async Task OneIdAskedForAgainAndAgainIsNoEnumeration()
    {
        var events = new RecordedEvents();
        await using var factory = Attack.Factory(events, new RecordingSink(), Enumeration());
        using var client = Attack.Start(factory);
        using var impatient = Caller(client, "impatient");
        var id = Guid.NewGuid();

        for (var i = 0; i < Threshold * 2; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await impatient.GetAsync($"/widgets/{id}")).StatusCode);
        }

        Assert.Empty(events.Of(SecurityEventKind.AnomalyRaised));
    }

    [Fact]
    public async Task AnAdminListsAndLiftsABlock()
    {
        var events = new RecordedEvents();
        await using var factory = Attack.Factory(events, new RecordingSink(), ("SecureApi:Detection:CredentialStuffing:Threshold", "5"));
        using var client = Attack.Start(factory);
        await Attack.StuffAsync(client, "203.0.113.77", 5);
        var whileBlocked = await Attack.GuessAsync(client, "203.0.113.77", 0);
        using var admin = Caller(client, "root", "admin");

        using var listed = await admin.GetAsync("/admin/blocks");
        var blocks = JsonDocument.Parse(await listed.Content.ReadAsStringAsync()).RootElement;
        var lifted = await admin.DeleteAsync("/admin/blocks/ip/203.0.113.77");

        Assert.Equal(HttpStatusCode.Forbidden, whileBlocked);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        var block = Assert.Single(blocks.EnumerateArray());
        Assert.Equal(("ip", "203.0.113.77", "CredentialStuffing"), (block.GetProperty("kind").GetString(), block.GetProperty("value").GetString(), block.GetProperty("reason").GetString()));
        Assert.Equal(HttpStatusCode.NoContent, lifted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await Attack.GuessAsync(client, "203.0.113.77", 0));
        var unblocked = Assert.Single(events.Of(SecurityEventKind.Unblocked));
        Assert.Equal("root", unblocked.Caller);
    }

    [Fact]
    public async Task LiftingNoBlockIsNotFound()
    {
        await using var factory = Attack.Factory(new RecordedEvents(), new RecordingSink());
        using var client = Attack.Start(factory);
        using var admin = Caller(client, "root", "admin");

        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync("/admin/blocks/ip/192.0.2.1")).StatusCode);
    }

    [Theory]
    [InlineData("GET", "/admin/blocks")]
    [InlineData("DELETE", "/admin/blocks/ip/192.0.2.1")]
    public async Task ANonAdminIsRefused(string method, string path)
    {
        await using var factory = Attack.Factory(new RecordedEvents(), new RecordingSink());
        using var client = Attack.Start(factory);
        using var alice = Caller(client, "alice");

        using var response = await alice.SendAsync(new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative)));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static (string, string)[] Enumeration() => [("SecureApi:Detection:Enumeration:Threshold", Threshold.ToString(CultureInfo.InvariantCulture))];

    private static HttpClient Caller(HttpClient client, string subject, string? roles = null)
    {
        var caller = new HttpClient { BaseAddress = client.BaseAddress };
        caller.DefaultRequestHeaders.Add("X-Test-Subject", subject);
        if (roles is not null)
        {
            caller.DefaultRequestHeaders.Add("X-Test-Roles", roles);
        }

        return caller;
    }
}
