using System.Net;
using System.Net.Http.Json;
using SecureApi.SampleTests.Infrastructure;
using static SecureApi.SampleTests.Infrastructure.Api;

namespace SecureApi.SampleTests;

/// <summary>Optimistic concurrency: writes need the current ETag (428 without, 412 when stale), so no update is ever lost.</summary>
public abstract class ConcurrencyTests(ClassDatabase database, IEngine engine) : SampleTestBase(database, engine)
{
    private const int Writers = 10;

    [Fact]
    public async Task ParallelReplacesWithTheSameETagHaveExactlyOneWinner()
    {
        var alice = Client("alice");
        var note = await CreateNoteAsync(alice, "race", "original");
        Assert.Equal(1, note.Version);

        using var start = new SemaphoreSlim(0, Writers);
        var writes = Enumerable.Range(0, Writers).Select(async i =>
        {
            await start.WaitAsync();
            var response = await SendAsync(alice, HttpMethod.Put, $"/notes/{note.Id}", new { title = $"writer-{i}", body = $"body-{i}" }, ETag(1));
            return (Writer: i, Response: response);
        }).ToList();
        start.Release(Writers);
        var results = await Task.WhenAll(writes);

        var winners = results.Where(r => r.Response.StatusCode == HttpStatusCode.OK).ToList();
        var statuses = string.Join(", ", results.Select(r => (int)r.Response.StatusCode));
        Assert.True(winners.Count == 1, $"Expected one 200 and {Writers - 1} 412s, got: {statuses}");
        foreach (var (_, response) in results.Where(r => r.Response.StatusCode != HttpStatusCode.OK))
        {
            await Problem.AssertAsync(response, HttpStatusCode.PreconditionFailed);
        }

        var winner = winners[0];
        var written = (await winner.Response.Content.ReadFromJsonAsync<NoteDto>(Options))!;
        Assert.Equal(2, written.Version);
        Assert.Equal(ETag(2), winner.Response.Headers.ETag?.ToString());

        var final = await GetNoteAsync(alice, note.Id);
        Assert.Equal(2, final.Version);
        Assert.Equal($"writer-{winner.Writer}", final.Title);
        Assert.Equal($"body-{winner.Writer}", final.Body);
        var row = (await Target.ReadNoteAsync(note.Id))!;
        Assert.Equal(2, row.Version);
        Assert.Equal($"writer-{winner.Writer}", row.Title);
    }

    [Fact]
    public async Task ParallelTeamDocReplacesByTwoTenantMembersHaveExactlyOneWinner()
    {
        var doc = await CreateTeamDocAsync(Client("alice"), "team-race");

        var results = await Task.WhenAll(Enumerable.Range(0, Writers).Select(i =>
            SendAsync(Client(i % 2 == 0 ? "alice" : "bob"), HttpMethod.Put, $"/team-docs/{doc.Id}", new { title = $"team-writer-{i}", content = "c" }, ETag(doc.Version))));

        Assert.Single(results, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal(Writers - 1, results.Count(r => r.StatusCode == HttpStatusCode.PreconditionFailed));
        Assert.Equal(2L, Convert.ToInt64(await Target.ScalarAsync("SELECT version FROM team_docs WHERE id = @p0", doc.Id), System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>An update must name the version it read: no If-Match (or <c>*</c>) is 428.</summary>
    [Theory]
    [InlineData(null)]
    [InlineData("*")]
    public async Task AWriteWithoutAVersionIs428AndChangesNothing(string? ifMatch) =>
        await AssertWriteRefusedAsync(ifMatch, HttpStatusCode.PreconditionRequired);

    /// <summary>RFC 9110 §13.1.1: a weak tag, a list, or a tag that is not one of ours never matches: 412.</summary>
    [Theory]
    [InlineData("W/\"1\"")]
    [InlineData("1")]
    [InlineData("\"one\"")]
    [InlineData("\"1\", \"2\"")]
    public async Task AWriteWithAnUnusableIfMatchIs412AndChangesNothing(string ifMatch) =>
        await AssertWriteRefusedAsync(ifMatch, HttpStatusCode.PreconditionFailed);

    private async Task AssertWriteRefusedAsync(string? ifMatch, HttpStatusCode expected)
    {
        var alice = Client("alice");
        var note = await CreateNoteAsync(alice, "precondition", "original");

        await Problem.AssertAsync(await SendAsync(alice, HttpMethod.Put, $"/notes/{note.Id}", new { title = "lost", body = "lost" }, ifMatch), expected);
        await Problem.AssertAsync(await SendAsync(alice, HttpMethod.Patch, $"/notes/{note.Id}", new { title = "lost" }, ifMatch), expected);
        await Problem.AssertAsync(await SendAsync(Client("alice"), HttpMethod.Put, $"/team-docs/{(await CreateTeamDocAsync(alice, "precondition")).Id}", new { title = "lost", content = "lost" }, ifMatch), expected);

        Assert.Equal(note, await GetNoteAsync(alice, note.Id));
    }

    [Fact]
    public async Task AStaleETagIs412ForReplacePatchAndDelete()
    {
        var alice = Client("alice");
        var note = await CreateNoteAsync(alice, "stale", "original");
        await AssertStatusAsync(await SendAsync(alice, HttpMethod.Patch, $"/notes/{note.Id}", new { body = "v2" }, ETag(1)), HttpStatusCode.OK);

        await Problem.AssertAsync(await SendAsync(alice, HttpMethod.Put, $"/notes/{note.Id}", new { title = "lost", body = "lost" }, ETag(1)), HttpStatusCode.PreconditionFailed);
        await Problem.AssertAsync(await SendAsync(alice, HttpMethod.Patch, $"/notes/{note.Id}", new { title = "lost" }, ETag(1)), HttpStatusCode.PreconditionFailed);
        await Problem.AssertAsync(await SendAsync(alice, HttpMethod.Put, $"/notes/{note.Id}", new { title = "lost", body = "lost" }, ETag(3)), HttpStatusCode.PreconditionFailed);
        await Problem.AssertAsync(await SendAsync(alice, HttpMethod.Delete, $"/notes/{note.Id}", null, ETag(1)), HttpStatusCode.PreconditionFailed);

        var current = await GetNoteAsync(alice, note.Id);
        Assert.Equal(2, current.Version);
        Assert.Equal("stale", current.Title);
        Assert.Equal("v2", current.Body);

        await AssertStatusAsync(await SendAsync(alice, HttpMethod.Delete, $"/notes/{note.Id}", null, ETag(2)), HttpStatusCode.NoContent);
        await Problem.AssertAsync(await alice.GetAsync($"/notes/{note.Id}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ADeleteWithIfMatchStarOrTheCurrentETagDeletes()
    {
        var alice = Client("alice");
        var star = await CreateNoteAsync(alice, "delete-star");
        var current = await CreateNoteAsync(alice, "delete-current");

        await AssertStatusAsync(await SendAsync(alice, HttpMethod.Delete, $"/notes/{star.Id}", null, "*"), HttpStatusCode.NoContent);
        await AssertStatusAsync(await SendAsync(alice, HttpMethod.Delete, $"/notes/{current.Id}", null, ETag(1)), HttpStatusCode.NoContent);

        Assert.Null(await Target.ReadNoteAsync(star.Id));
        Assert.Null(await Target.ReadNoteAsync(current.Id));
    }

    /// <summary>
    /// RFC 9110 §13.1.1: If-Match compares strongly, so a weak tag, a list without the current tag, or a tag that is not
    /// a version never matches, and the DELETE must be 412. Treating such a header as absent deletes unconditionally.
    /// </summary>
    [Theory]
    [InlineData("W/\"2\"")]
    [InlineData("\"1\", \"3\"")]
    [InlineData("\"v2\"")]
    public async Task ADeleteWhoseIfMatchCannotMatchTheCurrentVersionIs412AndDeletesNothing(string ifMatch)
    {
        var alice = Client("alice");
        var note = await CreateNoteAsync(alice, "conditional-delete");
        await AssertStatusAsync(await SendAsync(alice, HttpMethod.Patch, $"/notes/{note.Id}", new { body = "v2" }, ETag(1)), HttpStatusCode.OK);

        var response = await SendAsync(alice, HttpMethod.Delete, $"/notes/{note.Id}", null, ifMatch);

        await AssertStatusAsync(response, HttpStatusCode.PreconditionFailed);
        await Problem.AssertAsync(response, HttpStatusCode.PreconditionFailed);
        Assert.Equal(2, (await Target.ReadNoteAsync(note.Id))?.Version);
    }

    [Fact]
    public async Task SequentialWritesEachWithTheCurrentETagAllSucceedAndNoneIsLost()
    {
        const int count = 12;
        var alice = Client("alice");
        var note = await CreateNoteAsync(alice, "chain", "0");
        var getResponse = await alice.GetAsync($"/notes/{note.Id}");
        var etag = getResponse.Headers.ETag?.ToString();
        Assert.Equal(ETag(1), etag);

        for (var i = 1; i <= count; i++)
        {
            var response = i % 2 == 0
                ? await SendAsync(alice, HttpMethod.Put, $"/notes/{note.Id}", new { title = "chain", body = $"{i}" }, etag)
                : await SendAsync(alice, HttpMethod.Patch, $"/notes/{note.Id}", new { body = $"{i}" }, etag);
            await AssertStatusAsync(response, HttpStatusCode.OK);
            etag = response.Headers.ETag?.ToString();
            Assert.Equal(ETag(1 + i), etag);
        }

        var final = await GetNoteAsync(alice, note.Id);
        Assert.Equal(1 + count, final.Version);
        Assert.Equal($"{count}", final.Body);
        Assert.Equal(1 + count, (await Target.ReadNoteAsync(note.Id))!.Version);
    }
}

public sealed class SqliteConcurrencyTests(ClassDatabase database) : ConcurrencyTests(database, new SqliteEngine());

[Collection(SharedPostgresServer.Name)]
public sealed class PostgresConcurrencyTests(PostgresServer server, ClassDatabase database) : ConcurrencyTests(database, new PostgresEngine(server));
