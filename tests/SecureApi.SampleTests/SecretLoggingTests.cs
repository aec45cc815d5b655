using System.Net;
using SecureApi.SampleTests.Infrastructure;
using static SecureApi.SampleTests.Infrastructure.Api;

namespace SecureApi.SampleTests;

/// <summary>
/// Every log line of a run, at every level and from every category, captured while known secrets travel through the
/// service: a bearer token, a minted API key (used, revoked, used again), a wrong API key, a password-like member, a
/// cookie, a query value, a [Sensitive] value and an [Encrypted] value. None appears anywhere. One engine is enough:
/// logging does not depend on it.
/// </summary>
public sealed class SecretLoggingTests(ClassDatabase database) : SampleTestBase(database, new SqliteEngine())
{
    private const string BearerToken = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ6ZWJyYS1iZWFyZXIifQ.zebrabearersignature";
    private const string WrongApiKey = "zebra-wrong-api-key";
    private const string Password = "zebra-password-value";
    private const string Cookie = "zebra-cookie-value";
    private const string QueryValue = "zebra-query-value";
    private const string SensitiveValue = "zebra-sensitive-flag";
    private const string EncryptedValue = "zebra-encrypted-private";

    [Fact]
    public async Task NoPlantedSecretAppearsInAnyLogLine()
    {
        var logs = new CapturedLogs();
        await using var factory = new SampleFactory(Target, new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Trace", ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace" }) { Logs = logs };
        var minted = await KeyAdmin.MintAsync(factory, "alice", "acme");
        using var alice = KeyAdmin.ClientWithKey(factory, minted.Key);
        alice.DefaultRequestHeaders.Add("Cookie", "session=" + Cookie);

        var note = await CreateNoteAsync(alice, "logged-note", "body", EncryptedValue);
        Assert.Equal(1, await Target.ExecuteAsync("UPDATE notes SET moderation_flag = @p0 WHERE id = @p1", SensitiveValue, note.Id));
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync($"/notes/{note.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync("/notes?filter.title=" + QueryValue)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await alice.GetAsync("/notes?debug=" + QueryValue)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await alice.PostAsync("/notes", JsonOf(new { title = "t", body = "b", password = Password }))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await factory.ClientFor("ada").GetAsync("/admin/notes?limit=100")).StatusCode);

        using var bearer = factory.CreateClient();
        bearer.DefaultRequestHeaders.Add("Authorization", "Bearer " + BearerToken);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.GetAsync("/notes")).StatusCode);
        using var wrong = KeyAdmin.ClientWithKey(factory, WrongApiKey);
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/notes")).StatusCode);
        await KeyAdmin.RevokeAsync(factory, minted.Info.Id);
        Assert.Equal(HttpStatusCode.Unauthorized, (await alice.GetAsync("/notes")).StatusCode);

        Assert.NotEmpty(logs.Entries);
        string[] secrets = [BearerToken, "zebrabearersignature", minted.Key, WrongApiKey, Password, Cookie, QueryValue, SensitiveValue, EncryptedValue];
        foreach (var entry in logs.Entries)
        {
            var text = string.Join(" | ", [entry.Message, entry.Exception?.ToString() ?? "", .. entry.Values.Select(v => $"{v.Key}={Convert.ToString(v.Value, System.Globalization.CultureInfo.InvariantCulture)}")]);
            foreach (var secret in secrets)
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{entry.Category} {entry.EventId} logs a secret: {text}");
            }
        }
    }

    [Fact]
    public async Task MintingAndRevokingAKeyAreOneEventEachNamingItsIdNeverTheKey()
    {
        var logs = new CapturedLogs();
        await using var factory = new SampleFactory(Target) { Logs = logs };

        var minted = await KeyAdmin.MintAsync(factory, "alice", "acme");
        await KeyAdmin.RevokeAsync(factory, minted.Info.Id);

        var mintedEvent = Assert.Single(logs.Entries, e => e.EventId.Id == 2009);
        var revokedEvent = Assert.Single(logs.Entries, e => e.EventId.Id == 2010);
        Assert.Equal((minted.Info.Id, minted.Info.Id), ((string?)mintedEvent.Values["Detail"], (string?)revokedEvent.Values["Detail"]));
        Assert.Equal("-", mintedEvent.Values["ClientIp"]);
        Assert.DoesNotContain(minted.Key, mintedEvent.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARevokedKeyIsOneAuthenticationFailedSayingRevoked()
    {
        var logs = new CapturedLogs();
        await using var factory = new SampleFactory(Target) { Logs = logs };
        var minted = await KeyAdmin.MintAsync(factory, "alice", "acme");
        await KeyAdmin.RevokeAsync(factory, minted.Info.Id);

        Assert.Equal(HttpStatusCode.Unauthorized, await KeyAdmin.StatusWithAsync(factory, minted.Key));

        Assert.Equal("revoked-key", Assert.Single(logs.Entries, e => e.EventId.Id == 2000).Values["Detail"]);
    }

    [Fact]
    public async Task AnotherCallersNoteIsOneNotFoundOrNotYoursForTheIntruder()
    {
        var logs = new CapturedLogs();
        await using var factory = new SampleFactory(Target) { Logs = logs };
        var note = await CreateNoteAsync(factory.ClientFor("alice"), "bola-event", "body");

        Assert.Equal(HttpStatusCode.NotFound, (await factory.ClientFor("bob").GetAsync($"/notes/{note.Id}")).StatusCode);

        var entry = Assert.Single(logs.Entries, e => e.EventId.Id == 2002);
        Assert.Equal(("bob", $"id={note.Id}", "NotesApi.Get"), ((string?)entry.Values["Caller"], (string?)entry.Values["Detail"], (string?)entry.Values["Endpoint"]));
    }
}
