using System.Net;
using System.Net.Http.Json;
using SecureApi.SampleTests.Infrastructure;
using SecureApi.Testing;
using static SecureApi.SampleTests.Infrastructure.Api;

namespace SecureApi.SampleTests;

/// <summary>
/// The shipped detector settings on the sample: a caller asking for 20 note ids it cannot see (an enumeration, the BOLA
/// probe) is blocked as a caller with 403, an admin sees the block at /admin/blocks and lifts it, and the caller is back.
/// One engine is enough: detection does not touch the database.
/// </summary>
public sealed class BlockTests
{
    [Fact]
    public async Task AnEnumerationOfNotesIsBlockedListedAndLiftedByAnAdmin()
    {
        await using var storage = new SqliteTarget();
        await using var factory = storage.CreateFactory(new Dictionary<string, string?> { ["SecureApi:Detection:Enabled"] = "true" });
        var alice = factory.ClientFor("alice");
        var admin = factory.ClientFor("ada");
        for (var i = 0; i < 20; i++)
        {
            using var missing = await alice.GetAsync($"/notes/{Guid.CreateVersion7()}");
            await AssertStatusAsync(missing, HttpStatusCode.NotFound);
        }

        using var blocked = await alice.GetAsync("/notes");
        var blocks = await admin.GetFromJsonAsync<BlockDto[]>("/admin/blocks", Options);
        using var lifted = await admin.DeleteAsync("/admin/blocks/caller/alice");
        using var back = await alice.GetAsync("/notes");

        await Problem.AssertAsync(blocked, HttpStatusCode.Forbidden);
        Assert.Equal(new BlockDto("caller", "alice", "Enumeration"), Assert.Single(blocks!) with { RemainingSeconds = 0 });
        Assert.Equal(HttpStatusCode.NoContent, lifted.StatusCode);
        await AssertStatusAsync(back, HttpStatusCode.OK);
    }

    /// <summary>A block is visible in the security view while it holds, and its placing and lifting are audit records.</summary>
    [Fact]
    public async Task ABlockIsShownInTheSecurityViewAndAuditedWhenPlacedAndLifted()
    {
        await using var storage = new SqliteTarget();
        await using var factory = storage.CreateFactory(new Dictionary<string, string?> { ["SecureApi:Detection:Enabled"] = "true" });
        var bob = factory.ClientFor("bob");
        var admin = factory.ClientFor("ada");
        for (var i = 0; i < 20; i++)
        {
            using var missing = await bob.GetAsync($"/notes/{Guid.CreateVersion7()}");
        }

        using var blocked = await bob.GetAsync("/notes");
        await Problem.AssertAsync(blocked, HttpStatusCode.Forbidden);
        using var view = System.Text.Json.JsonDocument.Parse(await admin.GetStringAsync("/admin/security/data"));
        // The placement's record is appended just after the block is stored, off the request that tripped the detector.
        await UntilAsync(async () => (await admin.GetFromJsonAsync<AuditPageDto>("/admin/audit", Options))!.Items.Any(r => r.Operation == "block-placed"));
        using var lifted = await admin.DeleteAsync("/admin/blocks/caller/bob");
        var audit = await admin.GetFromJsonAsync<AuditPageDto>("/admin/audit", Options);

        var shown = Assert.Single(view.RootElement.GetProperty("blocks").EnumerateArray());
        Assert.Equal(("caller:bob", "Enumeration"), (shown.GetProperty("target").GetString(), shown.GetProperty("reason").GetString()));
        Assert.Equal(
            [("ada", "block-lifted", "caller:bob"), ("(detector)", "block-placed", "caller:bob")],
            audit!.Items.Where(r => r.Resource == "secureapi_blocks").Select(r => (r.Subject, r.Operation, r.Key)));
    }

    private static async Task UntilAsync(Func<Task<bool>> condition)
    {
        for (var waited = System.Diagnostics.Stopwatch.StartNew(); !await condition(); await Task.Delay(50))
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(15), "The block's audit record never appeared.");
        }
    }

    private sealed record AuditRecordDto(string Subject, string Resource, string Key, string Operation);

    private sealed record AuditPageDto(List<AuditRecordDto> Items);

    private sealed record BlockDto(string Kind, string Value, string Reason)
    {
        public long RemainingSeconds { get; init; }
    }
}
