using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using SecureApi.SampleTests.Infrastructure;
using static SecureApi.SampleTests.Infrastructure.Api;

namespace SecureApi.SampleTests;

/// <summary>
/// The audit trail through the sample's real endpoints: one record per successful write, none for a refused one, a hash
/// chain that names the record edited behind the API's back, and /admin/audit for admins (people) only.
/// </summary>
public abstract class AuditTrailTests(ClassDatabase database, IEngine engine) : SampleTestBase(database, engine)
{
    [Fact]
    public async Task EveryWriteOfANoteRecordsOneEntryWithItsOperationAndChangedMemberNames()
    {
        var alice = Client("alice");
        var note = await CreateNoteAsync(alice, "audited", "v1", "audit-secret-value");
        await AssertStatusAsync(await SendAsync(alice, HttpMethod.Patch, $"/notes/{note.Id}", new { body = "v2" }, ETag(1)), HttpStatusCode.OK);
        await AssertStatusAsync(await SendAsync(alice, HttpMethod.Put, $"/notes/{note.Id}", new { title = "audited", body = "v3" }, ETag(2)), HttpStatusCode.OK);
        await AssertStatusAsync(await SendAsync(alice, HttpMethod.Delete, $"/notes/{note.Id}", ifMatch: ETag(3)), HttpStatusCode.NoContent);

        var records = await RecordsOfAsync(note.Id.ToString());

        Assert.Equal(
            [("create", null), ("update", "body"), ("update", "title,body,privateNote,pinned"), ("delete", null)],
            records.Select(r => (r.Operation, r.ChangedMembers)));
        Assert.All(records, r => Assert.Equal(("alice", null, "user", "notes", "succeeded"), (r.Subject, r.Actor, r.ClientKind, r.Resource, r.Outcome)));
        Assert.All(records, r => Assert.False(string.IsNullOrEmpty(r.TraceId)));
        Assert.All(records, r => Assert.DoesNotContain("audit-secret-value", r.ToString(), StringComparison.Ordinal));
    }

    /// <summary>The <c>secureapi.audit.writes</c> counter of this service's SecureApi meter (its own IMeterFactory) moves once per record.</summary>
    [Fact]
    public async Task EveryRecordMovesTheAuditWritesCounter()
    {
        var meterFactory = Factory.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        long written = 0;
        using var listener = new System.Diagnostics.Metrics.MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == "secureapi.audit.writes" && ReferenceEquals(instrument.Meter.Scope, meterFactory))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref written, value));
        listener.Start();
        var alice = Client("alice");

        var note = await CreateNoteAsync(alice, "counted");
        await AssertStatusAsync(await SendAsync(alice, HttpMethod.Delete, $"/notes/{note.Id}", ifMatch: ETag(1)), HttpStatusCode.NoContent);

        Assert.Equal(2, Interlocked.Read(ref written));
    }

    [Fact]
    public async Task WritesOfATenantResourceAreRecordedUnderItsTable()
    {
        var alice = Client("alice");
        var doc = await CreateTeamDocAsync(alice, "audited-doc");
        await AssertStatusAsync(await SendAsync(alice, HttpMethod.Put, $"/team-docs/{doc.Id}", new { title = "audited-doc", content = "v2" }, ETag(1)), HttpStatusCode.OK);
        await AssertStatusAsync(await SendAsync(alice, HttpMethod.Delete, $"/team-docs/{doc.Id}"), HttpStatusCode.NoContent);

        var records = await RecordsOfAsync(doc.Id.ToString());

        Assert.Equal(
            [("team_docs", "create", null), ("team_docs", "update", "title,content"), ("team_docs", "delete", null)],
            records.Select(r => (r.Resource, r.Operation, r.ChangedMembers)));
    }

    /// <summary>A retry with the same Idempotency-Key writes nothing, so it records nothing either.</summary>
    [Fact]
    public async Task AnIdempotentRetryRecordsOneCreate()
    {
        var alice = Client("alice");
        var key = "\"audit-" + Guid.NewGuid().ToString("N") + "\"";
        NoteDto? created = null;
        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/notes") { Content = JsonOf(new { title = "once", body = "body" }) };
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
            using var response = await alice.SendAsync(request);
            await AssertStatusAsync(response, HttpStatusCode.Created);
            created = await response.Content.ReadFromJsonAsync<NoteDto>(Options);
        }

        Assert.Equal("create", Assert.Single(await RecordsOfAsync(created!.Id.ToString())).Operation);
    }

    [Fact]
    public async Task ARefusedWriteRecordsNothing()
    {
        var alice = Client("alice");
        var note = await CreateNoteAsync(alice, "refused-writes", "v1");
        var before = await CountAsync();

        await Problem.AssertAsync(await SendAsync(alice, HttpMethod.Patch, $"/notes/{note.Id}", new { body = "stale" }, ETag(7)), HttpStatusCode.PreconditionFailed);
        await Problem.AssertAsync(await SendAsync(alice, HttpMethod.Delete, $"/notes/{note.Id}", ifMatch: ETag(7)), HttpStatusCode.PreconditionFailed);
        await Problem.AssertAsync(await SendAsync(alice, HttpMethod.Patch, $"/notes/{note.Id}", new { title = new string('x', 201) }, ETag(1)), HttpStatusCode.BadRequest);
        await Problem.AssertAsync(await SendAsync(alice, HttpMethod.Post, "/notes", new { title = "no body" }), HttpStatusCode.BadRequest);
        await Problem.AssertAsync(await SendAsync(Client("bob"), HttpMethod.Patch, $"/notes/{note.Id}", new { body = "not yours" }, ETag(1)), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await SendAsync(Client("bob"), HttpMethod.Delete, $"/notes/{note.Id}", ifMatch: ETag(1)), HttpStatusCode.NotFound);

        Assert.Equal(before, await CountAsync());
        Assert.Equal("create", Assert.Single(await RecordsOfAsync(note.Id.ToString())).Operation);
    }

    [Fact]
    public async Task AnAgentsWriteRecordsTheActorActingForTheUser()
    {
        await using var jwtFactory = Target.CreateFactory(SampleTokens.Settings); // the sample trusting the tests' identity provider
        using var agent = jwtFactory.CreateClient();
        agent.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SampleTokens.Agent("audit-user", "agent-42", "audit-tenant", [.. TestCaller.PersonScopes]));

        var note = await CreateNoteAsync(agent, "by an agent");

        var record = Assert.Single(await RecordsOfAsync(note.Id.ToString()));
        Assert.Equal(("audit-user", "agent-42", "agent"), (record.Subject, record.Actor, record.ClientKind));
    }

    [Fact]
    public async Task AnAdminDeleteIsRecordedWithTheAdmin()
    {
        var note = await CreateNoteAsync(Client("bob"), "admin-deleted");

        await AssertStatusAsync(await Client("ada").DeleteAsync($"/admin/notes/{note.Id}"), HttpStatusCode.NoContent);

        var delete = (await RecordsOfAsync(note.Id.ToString()))[^1];
        Assert.Equal(("delete", "ada", "user"), (delete.Operation, delete.Subject, delete.ClientKind));
    }

    [Fact]
    public async Task MintingAndRevokingAKeyAreRecorded()
    {
        var minted = await KeyAdmin.MintAsync(Factory, "audited-key-owner");
        await KeyAdmin.RevokeAsync(Factory, minted.Info.Id);

        var records = await RecordsOfAsync(minted.Info.Id);

        Assert.Equal([("key-minted", "ada", "api_keys"), ("key-revoked", "ada", "api_keys")], records.Select(r => (r.Operation, r.Subject, r.Resource)));
        Assert.All(records, r => Assert.DoesNotContain(minted.Key, r.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task EditingARecordInTheDatabaseBreaksTheChainThereForTheEndpointAndTheCommand()
    {
        await CreateNoteAsync(Client("alice"), "tamper-1");
        var target = await CreateNoteAsync(Client("alice"), "tamper-2");
        await CreateNoteAsync(Client("alice"), "tamper-3");
        Assert.True((await VerifyAsync()).Valid);
        var sequence = (await RecordsOfAsync(target.Id.ToString()))[0].Sequence;

        await Target.ExecuteAsync("UPDATE secureapi_audit SET subject = 'mallory' WHERE sequence = @p0", sequence);
        try
        {
            var result = await VerifyAsync();
            var (exitCode, output, _) = await SampleCommand.RunAsync(Target, "audit", "verify");
            var view = await SecurityViewAuditAsync();

            Assert.Equal((false, sequence), (result.Valid, result.FirstBrokenSequence));
            Assert.Equal((false, sequence), (view.GetProperty("valid").GetBoolean(), view.GetProperty("firstBroken").GetInt64()));
            Assert.Equal((1, true), (exitCode, output.Contains($"first broken sequence {sequence.ToString(CultureInfo.InvariantCulture)} ", StringComparison.Ordinal)));
        }
        finally
        {
            await Target.ExecuteAsync("UPDATE secureapi_audit SET subject = 'alice' WHERE sequence = @p0", sequence);
        }
    }

    /// <summary>The security view's audit panel reads the real trail: its chain status and its newest record.</summary>
    [Fact]
    public async Task TheSecurityViewShowsTheChainAndTheNewestRecord()
    {
        var note = await CreateNoteAsync(Client("alice"), "seen in the view");

        var view = await SecurityViewAuditAsync();

        var newest = view.GetProperty("recent")[0];
        Assert.True(view.GetProperty("valid").GetBoolean());
        Assert.Equal(("alice", "create", "notes"), (newest.GetProperty("subject").GetString(), newest.GetProperty("operation").GetString(), newest.GetProperty("resource").GetString()));
        Assert.Equal((await RecordsOfAsync(note.Id.ToString()))[0].Sequence, newest.GetProperty("sequence").GetInt64());
    }

    [Fact]
    public async Task TheVerifyCommandReportsAnIntactChain()
    {
        await CreateNoteAsync(Client("alice"), "intact");

        var (exitCode, output, error) = await SampleCommand.RunAsync(Target, "audit", "verify");

        Assert.True(exitCode == 0, output + error);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)); // log lines go to standard error
        Assert.StartsWith("valid: ", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyAdminPeopleReadTheTrail()
    {
        var service = await KeyAdmin.MintAsync(Factory, "audit-reader-bot", roles: "admin", kind: "service");
        using var serviceClient = KeyAdmin.ClientWithKey(Factory, service.Key);

        foreach (var path in new[] { "/admin/audit", "/admin/audit/verify" })
        {
            await Problem.AssertAsync(await Client("alice").GetAsync(path), HttpStatusCode.Forbidden);
            await Problem.AssertAsync(await serviceClient.GetAsync(path), HttpStatusCode.Forbidden);
            await Problem.AssertAsync(await Factory.AnonymousClient().GetAsync(path), HttpStatusCode.Unauthorized);
            await AssertStatusAsync(await Client("ada").GetAsync(path), HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task TheTrailHasNoEndpointThatChangesIt()
    {
        var ada = Client("ada");

        await Problem.AssertAsync(await ada.DeleteAsync("/admin/audit/1"), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await SendAsync(ada, HttpMethod.Put, "/admin/audit/1", new { subject = "x" }), HttpStatusCode.NotFound);
        await Problem.AssertAsync(await SendAsync(ada, HttpMethod.Post, "/admin/audit", new { subject = "x" }), HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task TheListPagesNewestFirst()
    {
        var alice = Client("alice");
        var first = await CreateNoteAsync(alice, "page-1");
        var second = await CreateNoteAsync(alice, "page-2");

        var page = (await Client("ada").GetFromJsonAsync<AuditPageDto>("/admin/audit?limit=1", Options))!;
        var next = (await Client("ada").GetFromJsonAsync<AuditPageDto>($"/admin/audit?limit=1&before={page.NextBefore}", Options))!;

        Assert.Equal([second.Id.ToString(), first.Id.ToString()], [Assert.Single(page.Items).Key, Assert.Single(next.Items).Key]);
        Assert.Equal(page.Items[0].Sequence - 1, next.Items[0].Sequence);
    }

    [Fact]
    public async Task TwentyConcurrentCreatesLeaveOneValidChain()
    {
        var before = await CountAsync();

        var notes = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => CreateNoteAsync(Client("carol"), "parallel-" + i.ToString(CultureInfo.InvariantCulture))));

        Assert.Equal(before + 20, await CountAsync());
        foreach (var note in notes)
        {
            Assert.Single(await RecordsOfAsync(note.Id.ToString()));
        }

        var result = await VerifyAsync();
        Assert.Equal((true, (long?)null), (result.Valid, result.FirstBrokenSequence));
    }

    /// <summary>Records older than the retention go; the newest of them becomes the anchor, so what remains still verifies.</summary>
    [Fact]
    public async Task PruningOldRecordsKeepsTheChainVerifiable()
    {
        await CreateNoteAsync(Client("alice"), "old");
        var old = await HeadAsync();
        var kept = await CreateNoteAsync(Client("alice"), "kept");
        // Backdating breaks these records' hashes, but they are the ones pruning removes: the chain from the anchor holds.
        await Target.ExecuteAsync("UPDATE secureapi_audit SET occurred_at = '2000-01-01T00:00:00.0000000Z' WHERE sequence <= @p0", old);

        var (exitCode, output, error) = await SampleCommand.RunAsync(Target, "audit", "prune");

        Assert.True(exitCode == 0, output + error);
        Assert.Equal(0L, Convert.ToInt64(await Target.ScalarAsync("SELECT COUNT(*) FROM secureapi_audit WHERE sequence <= @p0", old), CultureInfo.InvariantCulture));
        Assert.Single(await RecordsOfAsync(kept.Id.ToString()));
        var result = await VerifyAsync();
        Assert.Equal((true, (long?)null), (result.Valid, result.FirstBrokenSequence));
    }

    /// <summary>The service applies <c>SecureApi:Audit:RetentionDays</c> by itself once started (then every six hours).</summary>
    [Fact]
    public async Task TheServicePrunesByTheConfiguredRetentionAtStartUp()
    {
        await CreateNoteAsync(Client("alice"), "old-at-start-up");
        var old = await HeadAsync();
        await CreateNoteAsync(Client("alice"), "recent-at-start-up");
        await Target.ExecuteAsync("UPDATE secureapi_audit SET occurred_at = '2020-01-01T00:00:00.0000000Z' WHERE sequence <= @p0", old);

        await using (var restarted = Target.CreateFactory(new Dictionary<string, string?> { ["SecureApi:Audit:RetentionDays"] = "30" }))
        {
            await AssertStatusAsync(await restarted.AnonymousClient().GetAsync("/info"), HttpStatusCode.OK); // started
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (await CountUpToAsync(old) > 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }

        Assert.Equal(0L, await CountUpToAsync(old));
        Assert.True((await VerifyAsync()).Valid);
    }

    private async Task<long> CountUpToAsync(long sequence) =>
        Convert.ToInt64(await Target.ScalarAsync("SELECT COUNT(*) FROM secureapi_audit WHERE sequence <= @p0", sequence), CultureInfo.InvariantCulture);

    private async Task<AuditVerificationDto> VerifyAsync() =>
        (await Client("ada").GetFromJsonAsync<AuditVerificationDto>("/admin/audit/verify", Options))!;

    private async Task<long> CountAsync() =>
        Convert.ToInt64(await Target.ScalarAsync("SELECT COUNT(*) FROM secureapi_audit"), CultureInfo.InvariantCulture);

    private async Task<long> HeadAsync() =>
        Convert.ToInt64(await Target.ScalarAsync("SELECT MAX(sequence) FROM secureapi_audit"), CultureInfo.InvariantCulture);

    /// <summary>The stored records of one key, oldest first, read below the API.</summary>
    private async Task<List<AuditRow>> RecordsOfAsync(string key)
    {
        await using var connection = await Target.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT sequence, subject, actor, client_kind, resource, operation, changed_members, outcome, trace_id FROM secureapi_audit WHERE resource_key = @key ORDER BY sequence";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@key";
        parameter.Value = key;
        command.Parameters.Add(parameter);
        var rows = new List<AuditRow>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new AuditRow(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetString(8)));
        }

        return rows;
    }

    private sealed record AuditRow(long Sequence, string Subject, string? Actor, string ClientKind, string Resource, string Operation, string? ChangedMembers, string Outcome, string? TraceId);

    private sealed record AuditRecordDto(long Sequence, string Subject, string Key, string Operation);

    private sealed record AuditPageDto(List<AuditRecordDto> Items, long? NextBefore);

    private sealed record AuditVerificationDto(bool Valid, long? FirstBrokenSequence, long Records);

    private async Task<System.Text.Json.JsonElement> SecurityViewAuditAsync()
    {
        using var response = await Client("ada").GetAsync("/admin/security/data");
        await AssertStatusAsync(response, HttpStatusCode.OK);
        using var data = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return data.RootElement.GetProperty("audit").Clone();
    }
}

public sealed class SqliteAuditTrailTests(ClassDatabase database) : AuditTrailTests(database, new SqliteEngine());

[Collection(SharedPostgresServer.Name)]
public sealed class PostgresAuditTrailTests(PostgresServer server, ClassDatabase database) : AuditTrailTests(database, new PostgresEngine(server));
